package dev.empath.projector.config;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.projector.fold.FoldRules;
import java.time.Duration;

/**
 * Tuning of the projector, read once from {@link EmpathConfig}.
 *
 * @param groupId consumer group of the live projector
 * @param rules capped history sizes
 * @param maxRetries attempts of a failing Redis commit before consumption pauses
 * @param initialBackoff first wait between attempts; doubles up to {@code maxBackoff}
 * @param pollTimeout consumer poll timeout
 * @param checkInterval how often the live projector checks that Redis still holds its offsets
 *     (flush detection) and that its version is still active, even with no traffic
 * @param cacheEntries stored states kept in memory between polls to save reads
 */
public record ProjectorSettings(
    String groupId,
    FoldRules rules,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration pollTimeout,
    Duration checkInterval,
    int cacheEntries) {

  public static final String GROUP_ID = "projector.group.id";

  public static ProjectorSettings defaults(String groupId) {
    return new ProjectorSettings(
        groupId,
        FoldRules.DEFAULT,
        5,
        Duration.ofMillis(50),
        Duration.ofSeconds(5),
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        100_000);
  }

  public static ProjectorSettings from(EmpathConfig config) {
    ProjectorSettings d = defaults(config.get(GROUP_ID, "empath-memory-projector"));
    return new ProjectorSettings(
        d.groupId(),
        new FoldRules(
            config.getInt("projector.timeline.cap", d.rules().timelineCap()),
            config.getInt("projector.memory.cap", d.rules().memoryCap()),
            config.getInt("projector.lines.cap", d.rules().linesCap())),
        config.getInt("projector.retry.max", d.maxRetries()),
        Duration.ofMillis(config.getLong("projector.retry.backoff.ms", 50)),
        Duration.ofMillis(config.getLong("projector.retry.backoff.max.ms", 5_000)),
        Duration.ofMillis(config.getLong("projector.poll.timeout.ms", 200)),
        Duration.ofMillis(config.getLong("projector.check.interval.ms", 1_000)),
        config.getInt("projector.cache.entries", d.cacheEntries()));
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
        cacheEntries);
  }
}
