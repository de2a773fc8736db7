package dev.empath.emotion.features;

import dev.empath.emotion.baseline.PlayerBaseline;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** Receives the named values, as {@link #forEachNamed} hands them out. */
  @FunctionalInterface
  public interface NamedValueSink {
    void put(String name, float value);
  }

  /** Named values as written on every prediction, so a prediction can be explained. */
  public Map<String, Float> asMap() {
    Map<String, Float> out = new LinkedHashMap<>();
    forEachNamed(out::put);
    return out;
  }

  /** The values of {@link #asMap()}, in its order, without building a map. */
  public void forEachNamed(NamedValueSink sink) {
    sink.put("latency_rel", (float) latencyRel);
    sink.put("action_rate_rel", (float) actionRateRel);
    sink.put("jitter_rel", (float) jitterRel);
    sink.put("repetition", (float) repetition);
    sink.put("choice_entropy", (float) choiceEntropy);
    sink.put("damage", (float) damage);
    sink.put("death_rate", (float) deathRate);
    sink.put("success", (float) success);
    sink.put("progress_rate", (float) progressRate);
    sink.put("combat", (float) combat);
    sink.put("latency_ms", (float) latencyMs);
    sink.put("actions_per_minute", (float) actionsPerMinute);
  }
}
