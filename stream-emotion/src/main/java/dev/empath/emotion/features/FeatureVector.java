package dev.empath.emotion.features;

import dev.empath.emotion.baseline.PlayerBaseline;
import java.util.List;

/**
 * What the model sees: the session's features, with pace-related ones expressed relative to the
 * player's own baseline (log ratios: +0.69 = twice the player's usual value).
 *
 * @param latencyRel ln(session latency / player's usual latency); > 0 = slower than usual
 * @param actionRateRel ln(session actions per minute / usual); > 0 = busier than usual
 * @param jitterRel session latency jitter minus the player's usual jitter
 */
public record FeatureVector(
    double latencyRel,
    double actionRateRel,
    double jitterRel,
    double repetition,
    double choiceEntropy,
    double damage,
    double deathRate,
    double success,
    double progressRate,
    double combat,
    double latencyMs,
    double actionsPerMinute) {

  /** Names of the values written on every prediction, in the order of {@link #values()}. */
  public static final List<String> NAMES =
      List.of(
          "latency_rel",
          "action_rate_rel",
          "jitter_rel",
          "repetition",
          "choice_entropy",
          "damage",
          "death_rate",
          "success",
          "progress_rate",
          "combat",
          "latency_ms",
          "actions_per_minute");

  public static FeatureVector of(SessionFeatures f, PlayerBaseline baseline) {
    return new FeatureVector(
        f.logLatency() - baseline.logLatency(),
        f.logActionRate() - baseline.logActionRate(),
        f.latencyJitter() - baseline.latencyJitter(),
        f.repetition(),
        f.choiceEntropy(),
        f.damage(),
        f.deathRate(),
        f.success(),
        f.progressRate(),
        f.combat(),
        Math.exp(f.logLatency()),
        Math.exp(f.logActionRate()));
  }

  /**
   * The values written on every prediction (as floats, like the wire), in the order of {@link
   * #NAMES}, so a prediction can be explained.
   */
  public float[] values() {
    return new float[] {
      (float) latencyRel,
      (float) actionRateRel,
      (float) jitterRel,
      (float) repetition,
      (float) choiceEntropy,
      (float) damage,
      (float) deathRate,
      (float) success,
      (float) progressRate,
      (float) combat,
      (float) latencyMs,
      (float) actionsPerMinute
    };
  }
}
