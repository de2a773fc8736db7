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

  public static final String APPLICATION_ID = "empath.emotion.application.id";
  public static final String EMIT_INTERVAL_MS = "empath.emotion.emit.interval.ms";
  public static final String LATENESS_MS = "empath.emotion.lateness.ms";
  public static final String FEATURE_ALPHA = "empath.emotion.feature.alpha";
  public static final String ROUTING = "empath.emotion.baseline.routing";
  public static final String BASELINE_PUBLISH_EVENTS = "empath.emotion.baseline.publish.events";
  public static final String SESSION_IDLE_MS = "empath.emotion.session.idle.ms";

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

  public static EmotionSettings defaults() {
    return new EmotionSettings(
        "empath-stream-emotion",
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        0.3,
        BaselineRouting.BY_SESSION,
        20,
        Duration.ofMinutes(30));
  }

  public static EmotionSettings from(EmpathConfig config) {
    EmotionSettings d = defaults();
    return new EmotionSettings(
        config.get(APPLICATION_ID, d.applicationId()),
        Duration.ofMillis(config.getLong(EMIT_INTERVAL_MS, d.emitInterval().toMillis())),
        Duration.ofMillis(config.getLong(LATENESS_MS, d.lateness().toMillis())),
        config.getDouble(FEATURE_ALPHA, d.featureAlpha()),
        BaselineRouting.valueOf(config.get(ROUTING, d.routing().name())),
        config.getInt(BASELINE_PUBLISH_EVENTS, d.baselinePublishEvents()),
        Duration.ofMillis(config.getLong(SESSION_IDLE_MS, d.sessionIdle().toMillis())));
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
