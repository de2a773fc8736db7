package dev.empath.cli.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.empath.cli.tool.TimeConverter;
import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.history.progress.Progress;
import dev.empath.history.scan.HistoryConsumers;
import dev.empath.history.story.MissingTopicException;
import dev.empath.history.story.SessionStory;
import dev.empath.history.story.StoryEntry;
import dev.empath.history.story.StoryPage;
import dev.empath.history.story.StoryRequest;
import dev.empath.history.time.TimeSpec;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code empath story}: a session's records across the topics, in time order, one line each. */
@Command(
    name = "story",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print every record of one session, merged in time order, one line each: behaviour events,"
          + " emotion predictions, narrative decisions (phase changes, hints, difficulty, tone),"
          + " generation requests and results (the generated line), and the session's dead"
          + " letters. Only the partition holding the session is read on each topic, from the"
          + " offsets of --from to the end offsets taken at start, so the command stops by itself"
          + " while records keep arriving.",
      "Lines go to standard output, progress to standard error.",
      ""
    },
    footer = {
      "",
      "Times: epoch milliseconds, an ISO-8601 instant (2026-12-02T10:15:00Z), a date, now, or"
          + " relative (-2h, -1h30m, -7d).",
      "",
      "Examples:",
      "  ./empath story --game demo-game --session s-0001",
      "  ./empath story --game demo-game --session s-0001 --from -15m --limit 50",
      "  ./empath story --game g1 --session s42 --from 2026-12-02T10:00:00Z --to 2026-12-02T10:05:00Z",
      "  ./empath story --game g1 --session s42 --json | jq -r 'select(.source==\"emotion\") | .text'",
      "",
      "Exit codes: 0 story printed; 2 a mistake in what was asked (no such session in the range,"
          + " --from after --to, a start older than retention, a missing topic); 1 anything else."
    })
public final class StoryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--game", required = true, paramLabel = "GAME", description = "game id")
  String game;

  @Option(names = "--session", required = true, paramLabel = "SESSION", description = "session id")
  String session;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "first record time, inclusive (default: the oldest record the topics hold)")
  Long from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "last record time, inclusive (default: now, as the end offsets at start)")
  Long to;

  @Option(
      names = "--json",
      description = "one JSON object per line (time, source, kind, topic, offset, text, fields)")
  boolean json;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "print at most the first N entries (default: all)")
  Integer limit;

  @Mixin ToolOptions tool;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() {
    long fromMs = from == null ? Long.MIN_VALUE : from;
    long toMs = to == null ? Long.MAX_VALUE : to;
    if (fromMs > toMs) {
      throw new UserError(
          "--from " + TimeSpec.format(fromMs) + " is after --to " + TimeSpec.format(toMs));
    }
    if (limit != null && limit < 1) {
      throw new UserError("--limit must be at least 1: " + limit);
    }
    if (game.isBlank() || session.isBlank()) {
      throw new UserError("--game and --session must not be blank");
    }
    EmpathConfig config = tool.config();
    // Reading needs no schema registry: values are read in either framing.
    TopicCatalog catalog = TopicCatalog.withPrefix(config.topicPrefix());
    StoryRequest request =
        new StoryRequest(
            game,
            session,
            fromMs,
            toMs,
            Optional.empty(),
            limit == null ? Integer.MAX_VALUE : limit);
    StoryPage page;
    try (Consumer<byte[], byte[]> consumer = HistoryConsumers.create(config, "empath-story")) {
      SessionStory story = new SessionStory(consumer, catalog);
      page = story.read(request, Progress.onStderr("story of " + session, 0));
    } catch (MissingTopicException e) {
      throw new UserError(e.getMessage());
    }
    if (page.entries().isEmpty()) {
      throw new UserError(
          "no records of session "
              + session
              + " in game "
              + game
              + " "
              + range(fromMs, toMs)
              + " ("
              + page.recordsRead()
              + " records of its partitions read)");
    }
    print(page);
    return 0;
  }

  private void print(StoryPage page) {
    PrintWriter out = spec.commandLine().getOut();
    for (StoryEntry entry : page.entries()) {
      out.println(json ? json(entry) : entry.line());
    }
    out.flush();
    if (page.next().isPresent()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "story: the first "
              + page.entries().size()
              + " of "
              + page.matched()
              + " entries; the next is at or after "
              + TimeSpec.format(page.next().get().timestampMs()));
      err.flush();
    }
  }

  private static String json(StoryEntry entry) {
    try {
      return JSON.writeValueAsString(entry.toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an entry as JSON", e);
    }
  }

  private static String range(long fromMs, long toMs) {
    if (fromMs == Long.MIN_VALUE && toMs == Long.MAX_VALUE) {
      return "on the topics";
    }
    return "between "
        + (fromMs == Long.MIN_VALUE ? "the oldest record" : TimeSpec.format(fromMs))
        + " and "
        + (toMs == Long.MAX_VALUE ? "now" : TimeSpec.format(toMs));
  }
}
