package dev.empath.query.game;

import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.session.TimelineQuery;
import io.micronaut.core.annotation.Nullable;
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

/** A game's sessions, most recently active first. */
@Controller("/v1/games/{gameId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sessions")
public class GameSessionsController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final ReadModel readModel;
  private final SessionList list;

  public GameSessionsController(ReadModel readModel, SessionList list) {
    this.readModel = readModel;
    this.list = list;
  }

  /** An empty list for a game without sessions: an allowed game always has a list. */
  @Get
  @Operation(
      summary = "A game's sessions, most recently active first, with emotion and pacing, paged",
      description =
          "Filters: activeWithin (last activity within, e.g. 5m), emotion (dominant), phase,"
              + " dominantFor (the dominant emotion held at least, e.g. 2m). A filtered page can"
              + " hold fewer than limit items and still have a nextCursor.")
  public SessionsPage sessions(
      @PathVariable String gameId,
      @Parameter(description = "only sessions active within this duration: ms, 90s, 5m, 1h, PT5M")
          @Nullable
          @QueryValue
          String activeWithin,
      @Parameter(description = "only sessions whose dominant emotion is this") @Nullable @QueryValue
          String emotion,
      @Parameter(description = "only sessions in this pacing phase (build_up, sustain_peak, ...)")
          @Nullable
          @QueryValue
          String phase,
      @Parameter(description = "only sessions whose dominant emotion has held at least this long")
          @Nullable
          @QueryValue
          String dominantFor,
      @Parameter(description = "page size, 1..200, default 50") @Nullable @QueryValue String limit,
      @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue
          String cursor) {
    String game = Params.id("gameId", gameId);
    SessionFilter filter = SessionFilter.parse(activeWithin, emotion, phase, dominantFor);
    int pageSize = Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    int offset = 0;
    if (cursor != null && !cursor.isEmpty()) {
      try {
        offset = TimelineQuery.parseCursor(cursor);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("cursor is not one this API returned");
      }
    }
    return list.page(
        readModel.sessions(), game, filter, pageSize, offset, System.currentTimeMillis());
  }
}
