package dev.empath.emotion;

import dev.empath.platform.config.EmpathConfig;
import java.time.Duration;

/**
 * Tunables of the emotion topology, read once from {@link EmpathConfig}.
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param emitInterval at most one prediction per session per this much event time, plus one
 *     immediately whenever the dominant emotion changes
 * @param lateness events older than the session's newest event by more than this are dropped
 * @param featureAlpha weight of the newest event in the per-session smoothed features
 * @param routing where the per-player baseline lives, see {@link BaselineRouting}
 */
public record EmotionSettings(
    String applicationId,
    Duration emitInterval,
    Duration lateness,
    double featureAlpha,
    BaselineRouting routing) {

  public static final String APPLICATION_ID = "empath.emotion.application.id";
  public static final String EMIT_INTERVAL_MS = "empath.emotion.emit.interval.ms";
  public static final String LATENESS_MS = "empath.emotion.lateness.ms";
  public static final String FEATURE_ALPHA = "empath.emotion.feature.alpha";
  public static final String ROUTING = "empath.emotion.baseline.routing";

  /**
   * How records reach the processor that holds the player baseline.
   *
   * <p>{@code BY_PLAYER} (default) repartitions behaviour by game and player, so every session of a
   * player is processed by the task holding that player's baseline: calibration is correct across
   * sessions, at the price of one internal repartition topic. {@code BY_SESSION} processes records
   * on the partition they arrived on: no extra hop, but a player's sessions that hash to different
   * partitions keep separate baselines (each starting from the population prior).
   */
  public enum BaselineRouting {
    BY_PLAYER,
    BY_SESSION
  }

  public EmotionSettings {
    if (emitInterval.isNegative() || lateness.isNegative()) {
      throw new IllegalArgumentException("emit interval and lateness must be >= 0");
    }
    if (!(featureAlpha > 0 && featureAlpha <= 1)) {
      throw new IllegalArgumentException("feature alpha must be in (0, 1], was " + featureAlpha);
    }
  }

  public static EmotionSettings defaults() {
    return new EmotionSettings(
        "empath-stream-emotion",
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        0.3,
        BaselineRouting.BY_PLAYER);
  }

  public static EmotionSettings from(EmpathConfig config) {
    EmotionSettings d = defaults();
    return new EmotionSettings(
        config.get(APPLICATION_ID, d.applicationId()),
        Duration.ofMillis(config.getLong(EMIT_INTERVAL_MS, d.emitInterval().toMillis())),
        Duration.ofMillis(config.getLong(LATENESS_MS, d.lateness().toMillis())),
        config.getDouble(FEATURE_ALPHA, d.featureAlpha()),
        BaselineRouting.valueOf(config.get(ROUTING, d.routing().name())));
  }

  public EmotionSettings withApplicationId(String id) {
    return new EmotionSettings(id, emitInterval, lateness, featureAlpha, routing);
  }

  public EmotionSettings withRouting(BaselineRouting newRouting) {
    return new EmotionSettings(applicationId, emitInterval, lateness, featureAlpha, newRouting);
  }

  public EmotionSettings withEmitInterval(Duration interval) {
    return new EmotionSettings(applicationId, interval, lateness, featureAlpha, routing);
  }
}
