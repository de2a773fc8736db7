package dev.empath.query.session;

import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.version.ReadModels;
import dev.empath.readmodel.Page;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.TimelineQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** A session's projected emotion and narrative state. */
@Controller("/v1/games/{gameId}/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionController {

  static final int DEFAULT_TIMELINE_LIMIT = 50;

  private final ReadModels readModels;
  private final LatestEmotions latestEmotions;
  private final ExecutorService blocking;

  public SessionController(
      ReadModels readModels,
      LatestEmotions latestEmotions,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.readModels = readModels;
    this.latestEmotions = latestEmotions;
    this.blocking = blocking;
  }

  /**
   * Runs on the event loop: a cached answer is returned at once, anything else is read from Redis
   * on the blocking executor.
   */
  @Get("/emotion")
  @Operation(summary = "Latest emotion prediction of a session")
  public CompletableFuture<EmotionView> emotion(
      @PathVariable String gameId, @PathVariable String sessionId, HttpRequest<?> request) {
    String game = Params.id("gameId", gameId);
    String session = Params.id("sessionId", sessionId);
    if (readModels.explicit(request)) {
      return CompletableFuture.supplyAsync(
          () ->
              found(
                  readModels
                      .of(request)
                      .sessions()
                      .latestEmotion(game, session)
                      .map(EmotionView::of)),
          blocking);
    }
    Optional<EmotionView> cached = latestEmotions.peek(game, session);
    if (cached != null) {
      return CompletableFuture.completedFuture(found(cached));
    }
    return CompletableFuture.supplyAsync(() -> found(latestEmotions.load(game, session)), blocking);
  }

  private static EmotionView found(Optional<EmotionView> emotion) {
    return emotion.orElseThrow(
        () -> ProblemException.notFound("no emotion known for this session"));
  }

  @Get("/emotion/timeline")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "Emotion predictions of a session in a time range, paged")
  public TimelinePage timeline(
      @PathVariable String gameId,
      @PathVariable String sessionId,
      @Parameter(description = "inclusive start: epoch ms or ISO-8601 instant")
          @Nullable
          @QueryValue
          String from,
      @Parameter(description = "inclusive end: epoch ms or ISO-8601 instant") @Nullable @QueryValue
          String to,
      @Parameter(description = "page size, 1..1000, default 50") @Nullable @QueryValue String limit,
      @Parameter(description = "desc (newest first, default) or asc") @Nullable @QueryValue
          String order,
      @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue
          String cursor,
      HttpRequest<?> request) {
    String game = Params.id("gameId", gameId);
    String session = Params.id("sessionId", sessionId);
    TimelineQuery query = query(from, to, limit, order, cursor);
    ReadModel readModel = readModels.of(request);
    if (readModel.sessions().timelineSize(game, session) == 0) {
      throw ProblemException.notFound("no emotion timeline known for this session");
    }
    Page<EmotionSnapshot> page = readModel.sessions().emotionTimeline(game, session, query);
    return new TimelinePage(
        game,
        session,
        query.descending() ? "desc" : "asc",
        query.limit(),
        page.items().stream().map(EmotionView::of).toList(),
        page.nextCursor().orElse(null));
  }

  @Get("/narrative")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "Latest narrative decision of a session")
  public NarrativeView narrative(
      @PathVariable String gameId, @PathVariable String sessionId, HttpRequest<?> request) {
    String game = Params.id("gameId", gameId);
    String session = Params.id("sessionId", sessionId);
    return readModels
        .of(request)
        .sessions()
        .latestNarrative(game, session)
        .map(NarrativeView::of)
        .orElseThrow(
            () -> ProblemException.notFound("no narrative decision known for this session"));
  }

  static TimelineQuery query(String from, String to, String limit, String order, String cursor) {
    long fromMs = Params.time("from", from, Long.MIN_VALUE);
    long toMs = Params.time("to", to, Long.MAX_VALUE);
    if (fromMs > toMs) {
      throw ProblemException.badRequest("from must not be after to");
    }
    int pageSize = Params.limit(limit, DEFAULT_TIMELINE_LIMIT, TimelineQuery.MAX_LIMIT);
    int offset = 0;
    if (cursor != null && !cursor.isEmpty()) {
      try {
        offset = TimelineQuery.parseCursor(cursor);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("cursor is not one this API returned");
      }
    }
    return new TimelineQuery(fromMs, toMs, pageSize, offset, Params.descending(order));
  }
}
