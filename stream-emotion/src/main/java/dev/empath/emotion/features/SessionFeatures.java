package dev.empath.emotion.features;

import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.Map;

/**
 * Smoothed behaviour of one session, updated per event with exponential moving averages (weight
 * {@code alpha} for the newest event). Latency and action rate are kept as logarithms so a change
 * is a ratio, which is what per-player calibration compares.
 *
 * @param eventsSeen events folded in so far
 * @param logLatency EWMA of ln(decision latency ms), latency floored at 50 ms
 * @param latencyJitter EWMA of |ln latency - previous logLatency|: how erratic decisions are
 * @param logActionRate EWMA of ln(actions per minute), floored at 1
 * @param repetition EWMA share of the most frequent recent choice (0..1)
 * @param choiceEntropy EWMA normalised entropy of recent choices (0..1)
 * @param damage EWMA of damage_taken squashed to 0..1; absent counts as no damage
 * @param deathRate EWMA of deaths per event (increase of the cumulative count)
 * @param lastDeaths highest cumulative death count seen, or -1 when none yet
 * @param success EWMA of attempt outcomes (1 success, 0 failure); drifts back to 0.5 without any
 * @param progress highest progress seen, or -1 when none yet
 * @param progressRate EWMA of progress gained per event
 * @param combat EWMA of combat_intensity; absent counts as 0
 */
public record SessionFeatures(
    long eventsSeen,
    double logLatency,
    double latencyJitter,
    double logActionRate,
    double repetition,
    double choiceEntropy,
    double damage,
    double deathRate,
    double lastDeaths,
    double success,
    double progress,
    double progressRate,
    double combat) {

  static final double MIN_LATENCY_MS = 50;
  static final double DAMAGE_HALF_POINT = 20;

  /** Before the first event. The log fields are set from the first event, not averaged from 0. */
  public static SessionFeatures empty() {
    return new SessionFeatures(0, 0, 0, 0, 0, 0.5, 0, 0, -1, 0.5, -1, 0, 0);
  }

  public static double logLatency(PlayerBehaviorData event) {
    return Math.log(Math.max(event.getDecisionLatencyMs(), MIN_LATENCY_MS));
  }

  public static double logActionRate(PlayerBehaviorData event) {
    return Math.log(Math.max(event.getActionFrequency(), 1));
  }

  /** How far this event's latency jumps from the session's smoothed latency (0 for the first). */
  public double jitterOf(PlayerBehaviorData event) {
    return eventsSeen == 0 ? 0 : Math.abs(logLatency(event) - logLatency);
  }

  /** The features after {@code event}. Pure: the receiver is unchanged. */
  public SessionFeatures update(PlayerBehaviorData event, double alpha) {
    Map<String, Float> context = event.getContextDataMap();
    boolean first = eventsSeen == 0;
    double lat = logLatency(event);
    double apm = logActionRate(event);
    double a = first ? 1 : alpha;

    double newRepetition = repetition;
    double newEntropy = choiceEntropy;
    var choices = ChoiceStats.of(event.getRecentChoicesList());
    if (choices.isPresent()) {
      newRepetition = ewma(repetition, choices.get().repetition(), first ? 1 : alpha);
      newEntropy = ewma(choiceEntropy, choices.get().entropy(), first ? 1 : alpha);
    }

    double damageNow = context.getOrDefault(ContextKeys.DAMAGE_TAKEN, 0f);
    damageNow = Math.max(0, damageNow);
    damageNow = damageNow / (damageNow + DAMAGE_HALF_POINT);

    // Cumulative deaths: only an increase counts, so a reordered or repeated count adds nothing.
    double deathsNow = 0;
    double newLastDeaths = lastDeaths;
    Float deaths = context.get(ContextKeys.DEATHS);
    if (deaths != null) {
      deathsNow = lastDeaths < 0 ? 0 : Math.max(0, deaths - lastDeaths);
      newLastDeaths = Math.max(lastDeaths, deaths);
    }

    Float outcome = context.get(ContextKeys.SUCCESS);
    double newSuccess =
        outcome != null
            ? ewma(success, clamp(outcome, 0, 1), alpha)
            : ewma(success, 0.5, alpha / 4); // no attempt: slowly forget the last verdict

    double gained = 0;
    double newProgress = progress;
    Float progressNow = context.get(ContextKeys.PROGRESS);
    if (progressNow != null) {
      double p = clamp(progressNow, 0, 1);
      gained = progress < 0 ? 0 : Math.max(0, p - progress);
      newProgress = Math.max(progress, p);
    }

    double combatNow = clamp(context.getOrDefault(ContextKeys.COMBAT_INTENSITY, 0f), 0, 1);

    return new SessionFeatures(
        eventsSeen + 1,
        ewma(logLatency, lat, a),
        first ? 0 : ewma(latencyJitter, Math.abs(lat - logLatency), alpha),
        ewma(logActionRate, apm, a),
        newRepetition,
        newEntropy,
        ewma(damage, damageNow, a),
        ewma(deathRate, deathsNow, a),
        newLastDeaths,
        newSuccess,
        newProgress,
        ewma(progressRate, gained, a),
        ewma(combat, combatNow, a));
  }

  private static double ewma(double previous, double value, double alpha) {
    return previous + alpha * (value - previous);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
