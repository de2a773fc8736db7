package dev.empath.query.story;

import dev.empath.history.scan.BeyondRetentionException;
import dev.empath.history.story.MissingTopicException;
import dev.empath.history.story.StoryPage;
import dev.empath.history.story.StoryPosition;
import dev.empath.history.story.StoryRequest;
import dev.empath.history.time.TimeSpec;
import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.problem.ProblemType;
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
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session's story read from the topics (not from Redis), paged. */
@Controller("/v1/games/{gameId}/sessions/{sessionId}/story")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class StoryController {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  /** Without {@code from}, the story starts this long before its end. */
  static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

  /** The widest range one request may read: each page reads the range of six partitions. */
  static final Duration MAX_RANGE = Duration.ofDays(7);

  private static final Logger log = LoggerFactory.getLogger(StoryController.class);

  private final StoryReaders readers;

  public StoryController(StoryReaders readers) {
    this.readers = readers;
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Every record of a session across the topics, in time order, paged",
      description =
          "Behaviour events, emotion predictions, narrative decisions, generation requests and"
              + " results, and the session's dead letters, read from the session's partition of"
              + " each topic and merged by record time (then topic, then offset). Records that do"
              + " not decode are items of kind undecodable. 404 when the session has no records"
              + " in the range; 400 for bad times, a range wider than 7 days, a start older than"
              + " the topics hold, a bad limit or cursor; 503 when Kafka or a topic is missing.")
  public StoryPageView story(
      @PathVariable String gameId,
      @PathVariable String sessionId,
      @Parameter(
              description =
                  "inclusive start: epoch ms or ISO-8601 instant; default 24 h before the end")
          @Nullable
          @QueryValue
          String from,
      @Parameter(description = "inclusive end: epoch ms or ISO-8601 instant; default now")
          @Nullable
          @QueryValue
          String to,
      @Parameter(description = "page size, 1..500, default 100") @Nullable @QueryValue String limit,
      @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue
          String cursor) {
    String game = Params.id("gameId", gameId);
    String session = Params.id("sessionId", sessionId);
    StoryRequest request =
        request(game, session, from, to, limit, cursor, System.currentTimeMillis());
    StoryPage page = read(request);
    if (request.after().isEmpty() && page.entries().isEmpty()) {
      throw ProblemException.notFound(
          "no records of this session between "
              + TimeSpec.format(request.fromMs())
              + " and "
              + (request.toMs() == Long.MAX_VALUE ? "now" : TimeSpec.format(request.toMs())));
    }
    return new StoryPageView(
        game,
        session,
        TimeSpec.format(request.fromMs()),
        request.toMs() == Long.MAX_VALUE ? null : TimeSpec.format(request.toMs()),
        request.limit(),
        page.entries().stream().map(StoryItemView::of).toList(),
        page.next().map(StoryPosition::encode).orElse(null));
  }

  private StoryPage read(StoryRequest request) {
    try {
      return readers.read(request);
    } catch (BeyondRetentionException e) {
      throw ProblemException.badRequest(e.getMessage());
    } catch (MissingTopicException e) {
      throw new ProblemException(ProblemType.TOPICS_UNAVAILABLE, e.getMessage());
    } catch (KafkaException e) {
      log.warn("story of {} could not be read: {}", request.session(), e.toString());
      throw new ProblemException(ProblemType.TOPICS_UNAVAILABLE, "the topics could not be read");
    }
  }

  static StoryRequest request(
      String game,
      String session,
      String from,
      String to,
      String limit,
      String cursor,
      long nowMs) {
    long toMs = Params.time("to", to, Long.MAX_VALUE);
    long end = toMs == Long.MAX_VALUE ? nowMs : toMs;
    long fromMs = Params.time("from", from, end - DEFAULT_WINDOW.toMillis());
    if (fromMs > toMs) {
      throw ProblemException.badRequest("from must not be after to");
    }
    if (end - fromMs > MAX_RANGE.toMillis()) {
      throw ProblemException.badRequest(
          "from and to may be at most " + MAX_RANGE.toDays() + " days apart");
    }
    int pageSize = Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    Optional<StoryPosition> after = Optional.empty();
    if (cursor != null && !cursor.isEmpty()) {
      try {
        after = Optional.of(StoryPosition.decode(cursor));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("cursor is not one this API returned");
      }
    }
    return new StoryRequest(game, session, fromMs, toMs, after, pageSize);
  }
}
