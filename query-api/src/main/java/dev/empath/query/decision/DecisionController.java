package dev.empath.query.decision;

import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.session.NarrativeView;
import dev.empath.readmodel.Page;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.session.NarrativeSnapshot;
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

/** A session's narrative decision history, paged like the emotion timeline. */
@Controller("/v1/games/{gameId}/sessions/{sessionId}/decisions")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sessions")
public class DecisionController {

  static final int DEFAULT_LIMIT = 50;

  private final ReadModel readModel;

  public DecisionController(ReadModel readModel) {
    this.readModel = readModel;
  }

  @Get
  @Operation(summary = "Narrative decisions of a session in a time range, with reasons, paged")
  public DecisionPage decisions(
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
          String cursor) {
    String game = Params.id("gameId", gameId);
    String session = Params.id("sessionId", sessionId);
    TimelineQuery query = query(from, to, limit, order, cursor);
    if (readModel.sessions().decisionHistorySize(game, session) == 0) {
      throw ProblemException.notFound("no narrative decisions known for this session");
    }
    Page<NarrativeSnapshot> page = readModel.sessions().decisionHistory(game, session, query);
    return new DecisionPage(
        game,
        session,
        query.descending() ? "desc" : "asc",
        query.limit(),
        page.items().stream().map(NarrativeView::of).toList(),
        page.nextCursor().orElse(null));
  }

  static TimelineQuery query(String from, String to, String limit, String order, String cursor) {
    long fromMs = Params.time("from", from, Long.MIN_VALUE);
    long toMs = Params.time("to", to, Long.MAX_VALUE);
    if (fromMs > toMs) {
      throw ProblemException.badRequest("from must not be after to");
    }
    int pageSize = Params.limit(limit, DEFAULT_LIMIT, TimelineQuery.MAX_LIMIT);
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
