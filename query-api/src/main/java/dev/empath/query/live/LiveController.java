package dev.empath.query.live;

import dev.empath.query.auth.ApiKey;
import dev.empath.query.auth.ApiKeyFilter;
import dev.empath.query.auth.StreamTokens;
import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.problem.ProblemType;
import dev.empath.readmodel.ReadModel;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;

/**
 * Live updates of a game or a session as Server-Sent Events, the token that opens them from a
 * browser, and the game's rates.
 */
@Controller("/v1/games/{gameId}")
@Tag(name = "live")
public class LiveController {

  private final LiveFeed feed;
  private final LiveHub hub;
  private final GameRates rates;
  private final StreamTokens tokens;
  private final ReadModel readModel;

  public LiveController(
      LiveFeed feed, LiveHub hub, GameRates rates, StreamTokens tokens, ReadModel readModel) {
    this.feed = feed;
    this.hub = hub;
    this.rates = rates;
    this.tokens = tokens;
    this.readModel = readModel;
  }

  @Post("/live/token")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "A short-lived token that opens this game's live streams as ?token= (for browsers)")
  public StreamTokenView token(@PathVariable String gameId, HttpRequest<?> request) {
    String game = Params.id("gameId", gameId);
    ApiKey key =
        request
            .getAttribute(ApiKeyFilter.KEY_ATTRIBUTE, ApiKey.class)
            .orElseThrow(() -> new IllegalStateException("request passed no API key filter"));
    StreamTokens.Issued issued = tokens.issue(key, game);
    return new StreamTokenView(game, issued.token(), issued.expiresAtMs());
  }

  @Get("/live")
  @Produces(MediaType.TEXT_EVENT_STREAM)
  @Operation(
      summary = "Live updates of a game: each session's newest emotion and decision, lines said",
      description =
          "Server-Sent Events, at most four a second: `ready` first, then `update` with what"
              + " arrived since the previous event, `ping` every 15 s when idle. Authenticate with"
              + " the key header or `?token=` from POST /live/token.")
  public Publisher<Event<LiveBatch>> game(
      @PathVariable String gameId,
      @Parameter(description = "from POST /live/token, for clients that cannot send headers")
          @io.micronaut.core.annotation.Nullable
          @io.micronaut.http.annotation.QueryValue
          String token) {
    String game = Params.id("gameId", gameId);
    requireFeed();
    return hub.open(game, null);
  }

  @Get("/sessions/{sessionId}/live")
  @Produces(MediaType.TEXT_EVENT_STREAM)
  @Operation(
      summary = "Live updates of a session: every emotion prediction, decision and line",
      description =
          "Server-Sent Events as for the game stream; 404 if the session has no timeline yet.")
  public Publisher<Event<LiveBatch>> session(
      @PathVariable String gameId,
      @PathVariable String sessionId,
      @Parameter(description = "from POST /live/token, for clients that cannot send headers")
          @io.micronaut.core.annotation.Nullable
          @io.micronaut.http.annotation.QueryValue
          String token) {
    String game = Params.id("gameId", gameId);
    String session = Params.id("sessionId", sessionId);
    requireFeed();
    // One O(1) ZCARD on the event loop, once per stream opened: a blocking-executor route would
    // not stream its Publisher.
    if (readModel.sessions().timelineSize(game, session) == 0) {
      throw ProblemException.notFound("no emotion timeline known for this session");
    }
    return hub.open(game, session);
  }

  @Get("/rates")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Predictions, decisions, lines and dead letters per second; emotion shares; lag",
      description =
          "Counted by this instance from the topics since it started; zeros for a quiet game.")
  public RatesView rates(@PathVariable String gameId) {
    String game = Params.id("gameId", gameId);
    requireFeed();
    GameRates.Snapshot s = rates.snapshot(game);
    return new RatesView(
        game,
        GameRates.RATE_SECONDS,
        s.predictionsPerSecond(),
        s.decisionsPerSecond(),
        s.linesPerSecond(),
        s.failedLinesPerSecond(),
        s.deadLettersPerSecond(),
        GameRates.HISTORY_SECONDS,
        s.predictionsCounted(),
        s.emotionShares(),
        feed.projectionLag(),
        hub.openStreams());
  }

  private void requireFeed() {
    if (!feed.available()) {
      throw new ProblemException(
          ProblemType.UNAVAILABLE, "live updates need kafka.bootstrap.servers to be set");
    }
  }
}
