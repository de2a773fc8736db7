package dev.empath.cli.rebuild;

import dev.empath.cli.tool.TimeConverter;
import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.ScanRange;
import dev.empath.history.time.TimeSpec;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.topics.Catalogs;
import dev.empath.projector.app.ProjectorClients;
import dev.empath.projector.config.ProjectorConfigKeys;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.rebuild.RebuildProgress;
import dev.empath.projector.rebuild.Rebuilder;
import dev.empath.projector.rebuild.StopPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import redis.clients.jedis.RedisClient;

/** Rebuilds the read models from the topics, lists keyspace versions, drops a side version. */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Rebuild the Redis read models from the topics into a new keyspace version, beside the"
          + " one readers use.",
      "Default: build the next version to the end of the topics, switch readers to it"
          + " (compare-and-set), wait the grace period, delete the old version. The live"
          + " projector follows the switch.",
      "With --until or --no-switch: keep the new version beside the active one as a side"
          + " version, readable with version=N by API keys with the versions scope.",
      "Progress goes to standard error, the result to standard output."
    },
    footer = {
      "",
      "Examples:",
      "  ./empath rebuild                                   rebuild everything and switch",
      "  ./empath rebuild --until 2026-12-02T10:15:00Z      side version as of that moment",
      "  ./empath rebuild --until -2h --no-switch           side version as of two hours ago",
      "  ./empath rebuild --list                            versions and their state",
      "  ./empath rebuild --drop 3                          remove side version 3"
    })
public final class RebuildCommand implements Callable<Integer> {

  @Mixin ToolOptions tool;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description =
          "replay each partition only up to its first record stamped after TIME (epoch ms,"
              + " ISO-8601, -2h, now); implies --no-switch")
  Long until;

  @Option(
      names = "--switch",
      negatable = true,
      description =
          "switch readers to the new version (default), or keep it as a side version"
              + " (--no-switch)")
  Boolean switchOver;

  @Option(names = "--list", description = "list keyspace versions with their state, then exit")
  boolean list;

  @Option(
      names = "--drop",
      paramLabel = "VERSION",
      description = "delete a side version (never the active one), then exit")
  Integer drop;

  @Option(
      names = "--grace-ms",
      paramLabel = "MS",
      description =
          "wait between switching and deleting the old version (default:"
              + " empath.projector.rebuild.grace.ms, 2000)")
  Long graceMs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    checkOptions();
    EmpathConfig config = tool.config();
    PrintWriter out = spec.commandLine().getOut();
    try (RedisClient redis = RedisConnections.open(config)) {
      Versions versions = new Versions(redis);
      if (list) {
        versions.print(out);
      } else if (drop != null) {
        out.println(versions.drop(drop));
      } else {
        build(config, redis, out);
      }
    }
    out.flush();
    return 0;
  }

  private void checkOptions() {
    int modes = (list ? 1 : 0) + (drop != null ? 1 : 0);
    if (modes > 1 || (modes == 1 && (until != null || switchOver != null))) {
      throw new UserError("--list and --drop go alone, without --until or --switch");
    }
    if (until != null && Boolean.TRUE.equals(switchOver)) {
      throw new UserError(
          "--until builds a version that stops at "
              + TimeSpec.format(until)
              + "; switching readers to it would hide every later event, so use it with"
              + " --no-switch");
    }
  }

  private void build(EmpathConfig config, RedisClient redis, PrintWriter out) {
    Duration grace =
        Duration.ofMillis(
            graceMs != null ? graceMs : config.get(ProjectorConfigKeys.REBUILD_GRACE_MS));
    Rebuilder rebuilder =
        new Rebuilder(
            () -> ProjectorClients.assignedConsumer(config),
            redis,
            new ProjectedTopics(Catalogs.from(config)),
            ProjectorSettings.from(config),
            grace);
    Progress progress = Progress.onStderr("rebuild", 0);
    RebuildProgress report = reporting(progress);
    if (until == null && !Boolean.FALSE.equals(switchOver)) {
      Rebuilder.Result r = rebuilder.rebuild(keyspace -> progress.finish(), report);
      out.printf(
          "rebuilt version %d from %d events; readers switched from version %d; %d old keys"
              + " deleted%n",
          r.to().version(), r.events(), r.from().version(), r.deletedKeys());
      return;
    }
    StopPlan stops = until == null ? StopPlan.endOffsets() : upTo(until);
    Rebuilder.Side side =
        rebuilder.buildSide(
            stops, until == null ? OptionalLong.empty() : OptionalLong.of(until), report);
    progress.finish();
    out.printf(
        "built side version %d from %d events%s; read it with version=%d, remove it with"
            + " ./empath rebuild --drop %d%n",
        side.version().version(),
        side.events(),
        until == null ? "" : " up to " + TimeSpec.format(until),
        side.version().version(),
        side.version().version());
  }

  /** Each partition up to its first record stamped after {@code untilMs}: a bounded scan's end. */
  private static StopPlan upTo(long untilMs) {
    return (consumer, partitions) -> {
      Map<TopicPartition, Long> out = new HashMap<>();
      for (ScanRange r :
          new BoundedScan(consumer).plan(partitions, Long.MIN_VALUE, untilMs, Duration.ZERO)) {
        out.put(r.partition(), r.end());
      }
      return out;
    };
  }

  private static RebuildProgress reporting(Progress progress) {
    return new RebuildProgress() {
      private long total;

      @Override
      public void planned(long records) {
        total += records;
        progress.total(total);
      }

      @Override
      public void read(long records) {
        progress.advance(records);
      }
    };
  }
}
