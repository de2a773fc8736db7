package dev.empath.projector.config;

import static dev.empath.projector.config.ProjectorConfigKeys.CACHE_ENTRIES;
import static dev.empath.projector.config.ProjectorConfigKeys.CHECK_INTERVAL_MS;
import static dev.empath.projector.config.ProjectorConfigKeys.CLUSTER_WAIT_REPLICAS;
import static dev.empath.projector.config.ProjectorConfigKeys.CLUSTER_WAIT_TIMEOUT_MS;
import static dev.empath.projector.config.ProjectorConfigKeys.GROUP_ID;
import static dev.empath.projector.config.ProjectorConfigKeys.HISTORY_CAP;
import static dev.empath.projector.config.ProjectorConfigKeys.LINES_CAP;
import static dev.empath.projector.config.ProjectorConfigKeys.MEMORY_CAP;
import static dev.empath.projector.config.ProjectorConfigKeys.POLL_TIMEOUT_MS;
import static dev.empath.projector.config.ProjectorConfigKeys.RETRY_BACKOFF_MAX_MS;
import static dev.empath.projector.config.ProjectorConfigKeys.RETRY_BACKOFF_MS;
import static dev.empath.projector.config.ProjectorConfigKeys.RETRY_MAX;
import static dev.empath.projector.config.ProjectorConfigKeys.SESSIONS_CAP;
import static dev.empath.projector.config.ProjectorConfigKeys.TIMELINE_CAP;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.projector.fold.FoldRules;
import java.time.Duration;
import java.util.Map;

/**
 * Tuning of the projector, read once from {@link EmpathConfig}; the keys and their defaults are
 * declared in {@link ProjectorConfigKeys}.
 *
 * @param groupId consumer group of the live projector
 * @param rules capped history sizes
 * @param maxRetries attempts of a failing Redis commit before consumption pauses
 * @param initialBackoff first wait between attempts; doubles up to {@code maxBackoff}
 * @param pollTimeout consumer poll timeout
 * @param checkInterval how often the live projector checks that Redis still holds its offsets
 *     (flush detection) and that its version is still active, even with no traffic
 * @param cacheEntries stored states kept in memory between polls to save reads
 * @param replicaWait on a Redis Cluster, the replicas a batch's writes must reach before its
 *     partition's resume offset moves
 */
public record ProjectorSettings(
    String groupId,
    FoldRules rules,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration pollTimeout,
    Duration checkInterval,
    int cacheEntries,
    ReplicaWait replicaWait) {

  /**
   * On a Redis Cluster: WAIT for {@code replicas} replicas, at most {@code timeout}, after a
   * batch's writes; 0 replicas = no WAIT.
   */
  public record ReplicaWait(int replicas, Duration timeout) {
    public static final ReplicaWait DEFAULT = new ReplicaWait(1, Duration.ofSeconds(1));
  }

  /** Settings with the default {@link ReplicaWait}. */
  public ProjectorSettings(
      String groupId,
      FoldRules rules,
      int maxRetries,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration pollTimeout,
      Duration checkInterval,
      int cacheEntries) {
    this(
        groupId,
        rules,
        maxRetries,
        initialBackoff,
        maxBackoff,
        pollTimeout,
        checkInterval,
        cacheEntries,
        ReplicaWait.DEFAULT);
  }

  /** The declared defaults, with {@code groupId}. */
  public static ProjectorSettings defaults(String groupId) {
    return from(EmpathConfig.of(Map.of())).withGroupId(groupId);
  }

  /** Reads and checks every key and warns about unknown ones. */
  public static ProjectorSettings from(EmpathConfig config) {
    config.check(PlatformConfigKeys.KEYS, ProjectorConfigKeys.KEYS);
    return new ProjectorSettings(
        config.get(GROUP_ID),
        new FoldRules(
            config.get(TIMELINE_CAP),
            config.get(MEMORY_CAP),
            config.get(LINES_CAP),
            config.get(HISTORY_CAP),
            config.get(SESSIONS_CAP)),
        config.get(RETRY_MAX),
        Duration.ofMillis(config.get(RETRY_BACKOFF_MS)),
        Duration.ofMillis(config.get(RETRY_BACKOFF_MAX_MS)),
        Duration.ofMillis(config.get(POLL_TIMEOUT_MS)),
        Duration.ofMillis(config.get(CHECK_INTERVAL_MS)),
        config.get(CACHE_ENTRIES),
        new ReplicaWait(
            config.get(CLUSTER_WAIT_REPLICAS),
            Duration.ofMillis(config.get(CLUSTER_WAIT_TIMEOUT_MS))));
  }

  public ProjectorSettings withGroupId(String value) {
    return new ProjectorSettings(
        value,
        rules,
        maxRetries,
        initialBackoff,
        maxBackoff,
        pollTimeout,
        checkInterval,
        cacheEntries,
        replicaWait);
  }

  public ProjectorSettings withReplicaWait(ReplicaWait value) {
    return new ProjectorSettings(
        groupId,
        rules,
        maxRetries,
        initialBackoff,
        maxBackoff,
        pollTimeout,
        checkInterval,
        cacheEntries,
        value);
  }
}
