package dev.empath.emotion.config;

import dev.empath.emotion.config.EmotionSettings.BaselineRouting;
import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.ConfigKeys;
import java.util.List;

/** The keys stream-emotion reads, besides the platform's; {@link EmotionSettings} holds them. */
public final class EmotionConfigKeys {

  public static final ConfigKey<String> APPLICATION_ID =
      ConfigKey.ofString(
          "empath.emotion.application.id",
          "empath-stream-emotion",
          "Kafka Streams application id: consumer group and prefix of internal topics");

  public static final ConfigKey<Long> EMIT_INTERVAL_MS =
      ConfigKey.ofLong(
              "empath.emotion.emit.interval.ms",
              250L,
              "at most one prediction per session per this much event time, plus one whenever the"
                  + " dominant emotion changes")
          .atLeast(0);

  public static final ConfigKey<Long> LATENESS_MS =
      ConfigKey.ofLong(
              "empath.emotion.lateness.ms",
              10_000L,
              "events older than their session's newest by more than this are dropped")
          .atLeast(0);

  public static final ConfigKey<Double> FEATURE_ALPHA =
      ConfigKey.ofDouble(
              "empath.emotion.feature.alpha",
              0.3,
              "weight of the newest event in a session's smoothed features")
          .require(v -> v > 0 && v <= 1, "must be in (0, 1]");

  public static final ConfigKey<BaselineRouting> ROUTING =
      ConfigKey.ofEnum(
          "empath.emotion.baseline.routing",
          BaselineRouting.class,
          BaselineRouting.BY_SESSION,
          "where a player's baseline lives: travelling with the session (no extra hop) or on one"
              + " task per player (exact for concurrent sessions, one repartition)");

  public static final ConfigKey<Integer> BASELINE_PUBLISH_EVENTS =
      ConfigKey.ofInt(
              "empath.emotion.baseline.publish.events",
              20,
              "BY_SESSION: a session publishes its player's baseline every this many events")
          .atLeast(1);

  public static final ConfigKey<Long> SESSION_IDLE_MS =
      ConfigKey.ofLong(
              "empath.emotion.session.idle.ms",
              1_800_000L,
              "BY_SESSION: a session this far behind its task's stream time is forgotten")
          .atLeast(1);

  public static final ConfigKey<String> MODEL_FILE =
      ConfigKey.ofString(
          "empath.emotion.model.file",
          null,
          "emotion model document (JSON) to run instead of the shipped transparent-v1; validated"
              + " at start-up");

  public static final ConfigKeys KEYS =
      ConfigKeys.of(
          "stream-emotion",
          "Behaviour to emotion predictions (`EmotionApp`).",
          List.of("empath.emotion."),
          APPLICATION_ID,
          EMIT_INTERVAL_MS,
          LATENESS_MS,
          FEATURE_ALPHA,
          ROUTING,
          BASELINE_PUBLISH_EVENTS,
          SESSION_IDLE_MS,
          MODEL_FILE);

  private EmotionConfigKeys() {}
}
