package dev.empath.projector.config;

import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.ConfigKeys;
import java.util.List;

/**
 * The keys memory-projector reads, besides the platform's. They were named {@code projector.*};
 * those names are still read, with a warning.
 */
public final class ProjectorConfigKeys {

  private static final String P = "empath.projector.";

  public static final ConfigKey<String> GROUP_ID =
      renamed(
          ConfigKey.ofString(
              P + "group.id", "empath-memory-projector", "consumer group of the live projector"));

  public static final ConfigKey<Integer> TIMELINE_CAP =
      renamed(
          ConfigKey.ofInt(P + "timeline.cap", 500, "events kept per session timeline").atLeast(1));

  public static final ConfigKey<Integer> MEMORY_CAP =
      renamed(
          ConfigKey.ofInt(P + "memory.cap", 50, "memories kept per character and player")
              .atLeast(1));

  public static final ConfigKey<Integer> LINES_CAP =
      renamed(
          ConfigKey.ofInt(P + "lines.cap", 100, "generated lines kept per character").atLeast(1));

  public static final ConfigKey<Integer> HISTORY_CAP =
      renamed(
          ConfigKey.ofInt(
                  P + "history.cap",
                  200,
                  "past values kept per session (narrative decisions), character (states) and"
                      + " character-player pair (relationships): how far back asOf reads see")
              .atLeast(1));

  public static final ConfigKey<Integer> SESSIONS_CAP =
      renamed(
          ConfigKey.ofInt(
                  P + "sessions.cap", 10_000, "most recently active sessions listed per game")
              .atLeast(1));

  public static final ConfigKey<Integer> RETRY_MAX =
      renamed(
          ConfigKey.ofInt(
                  P + "retry.max",
                  5,
                  "attempts of a failing Redis write before consumption pauses until Redis is back")
              .atLeast(1));

  public static final ConfigKey<Long> RETRY_BACKOFF_MS =
      renamed(
          ConfigKey.ofLong(P + "retry.backoff.ms", 50L, "first wait between attempts; doubles")
              .atLeast(0));

  public static final ConfigKey<Long> RETRY_BACKOFF_MAX_MS =
      renamed(
          ConfigKey.ofLong(P + "retry.backoff.max.ms", 5_000L, "longest wait between attempts")
              .atLeast(0));

  public static final ConfigKey<Long> POLL_TIMEOUT_MS =
      renamed(ConfigKey.ofLong(P + "poll.timeout.ms", 200L, "consumer poll timeout").atLeast(0));

  public static final ConfigKey<Long> CHECK_INTERVAL_MS =
      renamed(
          ConfigKey.ofLong(
                  P + "check.interval.ms",
                  1_000L,
                  "how often the live projector checks, even without traffic, that Redis still"
                      + " holds its offsets and that its keyspace version is still active")
              .atLeast(1));

  public static final ConfigKey<Integer> CACHE_ENTRIES =
      renamed(
          ConfigKey.ofInt(
                  P + "cache.entries", 100_000, "stored states kept in memory between polls")
              .atLeast(0));

  public static final ConfigKey<Long> REBUILD_GRACE_MS =
      renamed(
          ConfigKey.ofLong(
                  P + "rebuild.grace.ms",
                  2_000L,
                  "rebuild: wait between switching readers to the new version and deleting the"
                      + " old one")
              .atLeast(0));

  public static final ConfigKey<Integer> CLUSTER_WAIT_REPLICAS =
      ConfigKey.ofInt(
              P + "cluster.wait.replicas",
              1,
              "Redis Cluster: replicas that must acknowledge a batch's writes (WAIT) before the"
                  + " partition's resume offset moves past them, so a failover cannot lose them"
                  + " unnoticed; at most the primary's connected replicas; 0 turns WAIT off")
          .atLeast(0);

  public static final ConfigKey<Long> CLUSTER_WAIT_TIMEOUT_MS =
      ConfigKey.ofLong(
              P + "cluster.wait.timeout.ms",
              1_000L,
              "Redis Cluster: how long a batch waits for those acknowledgements before it counts"
                  + " as failed and is retried")
          .atLeast(1);

  public static final ConfigKeys KEYS =
      ConfigKeys.of(
          "memory-projector",
          "Folds the topics into the Redis read models (`ProjectorApp`; `RebuildCommand` rebuilds"
              + " them into a new keyspace version).",
          List.of("empath.projector."),
          GROUP_ID,
          TIMELINE_CAP,
          MEMORY_CAP,
          LINES_CAP,
          HISTORY_CAP,
          SESSIONS_CAP,
          RETRY_MAX,
          RETRY_BACKOFF_MS,
          RETRY_BACKOFF_MAX_MS,
          POLL_TIMEOUT_MS,
          CHECK_INTERVAL_MS,
          CACHE_ENTRIES,
          REBUILD_GRACE_MS,
          CLUSTER_WAIT_REPLICAS,
          CLUSTER_WAIT_TIMEOUT_MS);

  /** The key's former name is its name without the {@code empath.} prefix. */
  private static <T> ConfigKey<T> renamed(ConfigKey<T> key) {
    return key.deprecatedName(key.name().substring("empath.".length()));
  }

  private ProjectorConfigKeys() {}
}
