package dev.empath.emotion.config;

import static dev.empath.emotion.config.EmotionConfigKeys.APPLICATION_ID;
import static dev.empath.emotion.config.EmotionConfigKeys.BASELINE_PUBLISH_EVENTS;
import static dev.empath.emotion.config.EmotionConfigKeys.EMIT_INTERVAL_MS;
import static dev.empath.emotion.config.EmotionConfigKeys.FEATURE_ALPHA;
import static dev.empath.emotion.config.EmotionConfigKeys.LATENESS_MS;
import static dev.empath.emotion.config.EmotionConfigKeys.ROUTING;
import static dev.empath.emotion.config.EmotionConfigKeys.SESSION_IDLE_MS;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import java.time.Duration;
import java.util.Map;

/**
 * Tunables of the emotion topology, read once from {@link EmpathConfig}; the keys and their
 * defaults are declared in {@link EmotionConfigKeys}.
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param emitInterval at most one prediction per session per this much event time, plus one
 *     immediately whenever the dominant emotion changes
 * @param lateness events older than the session's newest event by more than this are dropped
 * @param featureAlpha weight of the newest event in the per-session smoothed features
 * @param routing where the per-player baseline lives, see {@link BaselineRouting}
 * @param baselinePublishEvents {@code BY_SESSION}: a session publishes its player's baseline every
 *     this many events of the player
 * @param sessionIdle {@code BY_SESSION}: a session whose clock is this far behind the task's stream
 *     time is forgotten (its state is deleted; the player's baseline stays published)
 */
public record EmotionSettings(
    String applicationId,
    Duration emitInterval,
    Duration lateness,
    double featureAlpha,
    BaselineRouting routing,
    int baselinePublishEvents,
    Duration sessionIdle) {

  /**
   * How records reach the processor, and where the per-player baseline lives.
   *
   * <p>{@code BY_SESSION} (default) processes each record on the partition it arrived on (input is
   * keyed by session), so there is no extra hop per event. The player's baseline travels with the
   * session: a new session starts from the player's last published baseline (a compacted topic,
   * read back into a global store on every instance), learns from its own events, and publishes the
   * result every {@code baselinePublishEvents} events. Calibration thus survives the end of a
   * session and reaches the player's next session on any partition; two sessions of one player
   * running at the same time each learn on their own copy and the last publication wins.
   *
   * <p>{@code BY_PLAYER} repartitions behaviour by game and player, so every event of a player is
   * processed by the task holding that player's one baseline: exact even for concurrent sessions,
   * at the price of one internal repartition topic: a second write and read of every event through
   * the broker (and, on a real cluster, its replication).
   */
  public enum BaselineRouting {
    BY_SESSION,
    BY_PLAYER
  }

  public EmotionSettings {
    if (emitInterval.isNegative() || lateness.isNegative()) {
      throw new IllegalArgumentException("emit interval and lateness must be >= 0");
    }
    if (baselinePublishEvents < 1 || sessionIdle.isNegative() || sessionIdle.isZero()) {
      throw new IllegalArgumentException("baseline publish events and session idle must be > 0");
    }
    if (!(featureAlpha > 0 && featureAlpha <= 1)) {
      throw new IllegalArgumentException("feature alpha must be in (0, 1], was " + featureAlpha);
    }
  }

  /** The declared defaults. */
  public static EmotionSettings defaults() {
    return from(EmpathConfig.of(Map.of()));
  }

  /**
   * Reads and checks every key (a bad value: {@link
   * dev.empath.platform.config.ConfigurationException}) and warns about unknown ones.
   */
  public static EmotionSettings from(EmpathConfig config) {
    config.check(PlatformConfigKeys.KEYS, EmotionConfigKeys.KEYS);
    return new EmotionSettings(
        config.get(APPLICATION_ID),
        Duration.ofMillis(config.get(EMIT_INTERVAL_MS)),
        Duration.ofMillis(config.get(LATENESS_MS)),
        config.get(FEATURE_ALPHA),
        config.get(ROUTING),
        config.get(BASELINE_PUBLISH_EVENTS),
        Duration.ofMillis(config.get(SESSION_IDLE_MS)));
  }

  public EmotionSettings withApplicationId(String id) {
    return new EmotionSettings(
        id, emitInterval, lateness, featureAlpha, routing, baselinePublishEvents, sessionIdle);
  }

  public EmotionSettings withRouting(BaselineRouting newRouting) {
    return new EmotionSettings(
        applicationId,
        emitInterval,
        lateness,
        featureAlpha,
        newRouting,
        baselinePublishEvents,
        sessionIdle);
  }

  public EmotionSettings withEmitInterval(Duration interval) {
    return new EmotionSettings(
        applicationId,
        interval,
        lateness,
        featureAlpha,
        routing,
        baselinePublishEvents,
        sessionIdle);
  }
}
