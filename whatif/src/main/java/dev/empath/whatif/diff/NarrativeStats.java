package dev.empath.whatif.diff;

import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One side's narrative decisions in figures.
 *
 * <p>A decision's phase holds from its time to the session's next decision, the last one to the
 * session's last prediction in the range; the phase a session was in before its first decision of
 * the range is not counted.
 *
 * @param phaseTimeShare share of directed time spent in each phase
 * @param toneChanges consecutive decisions of a session with different dialogue tones
 * @param requestsByPurpose generation requests by purpose
 * @param costByPurposeUsd their estimated cost ({@link CostEstimate})
 */
public record NarrativeStats(
    long decisions,
    Map<String, Double> phaseTimeShare,
    long hints,
    double difficultyMean,
    double difficultyStdDev,
    long toneChanges,
    Map<String, Long> requestsByPurpose,
    Map<String, Double> costByPurposeUsd,
    double costUsd) {

  public static NarrativeStats of(SideRecords side, CostEstimate cost) {
    Map<String, List<NarrativeDecision>> bySession = bySession(side.decisions());
    Map<String, Long> sessionEnd = new HashMap<>();
    for (EmotionPrediction p : side.predictions()) {
      sessionEnd.merge(p.getSessionId(), p.getTimestampMs(), Math::max);
    }
    Map<String, Double> phaseMs = new TreeMap<>();
    long toneChanges = 0;
    for (Map.Entry<String, List<NarrativeDecision>> e : bySession.entrySet()) {
      List<NarrativeDecision> ds = e.getValue();
      for (int i = 0; i < ds.size(); i++) {
        NarrativeDecision d = ds.get(i);
        long until =
            i + 1 < ds.size()
                ? ds.get(i + 1).getTimestampMs()
                : Math.max(d.getTimestampMs(), sessionEnd.getOrDefault(e.getKey(), 0L));
        phaseMs.merge(phase(d.getPhase()), (double) (until - d.getTimestampMs()), Double::sum);
        if (i > 0 && !ds.get(i - 1).getDialogueTone().equals(d.getDialogueTone())) {
          toneChanges++;
        }
      }
    }
    double totalMs = phaseMs.values().stream().mapToDouble(Double::doubleValue).sum();
    phaseMs.replaceAll((p, ms) -> totalMs == 0 ? 0 : ms / totalMs);
    double sum = 0;
    double squares = 0;
    long hints = 0;
    // In session and time order, so equal decisions give equal sums whatever order they came in.
    for (NarrativeDecision d : bySession.values().stream().flatMap(List::stream).toList()) {
      sum += d.getDifficultyAdjustment();
      squares += (double) d.getDifficultyAdjustment() * d.getDifficultyAdjustment();
      hints += d.getOfferHint() ? 1 : 0;
    }
    int n = side.decisions().size();
    double mean = n == 0 ? 0 : sum / n;
    double variance = n == 0 ? 0 : Math.max(0, squares / n - mean * mean);
    Map<String, Long> requests = new TreeMap<>();
    Map<String, Double> costs = new TreeMap<>();
    for (GenerationRequest r : side.requests()) {
      String purpose = purpose(r);
      requests.merge(purpose, 1L, Long::sum);
      costs.merge(purpose, cost.usd(r), Double::sum);
    }
    return new NarrativeStats(
        n,
        phaseMs,
        hints,
        mean,
        Math.sqrt(variance),
        toneChanges,
        requests,
        costs,
        costs.values().stream().mapToDouble(Double::doubleValue).sum());
  }

  static Map<String, List<NarrativeDecision>> bySession(List<NarrativeDecision> decisions) {
    Map<String, List<NarrativeDecision>> out = new TreeMap<>();
    for (NarrativeDecision d : decisions) {
      out.computeIfAbsent(d.getSessionId(), s -> new ArrayList<>()).add(d);
    }
    out.values().forEach(l -> l.sort(Comparator.comparingLong(NarrativeDecision::getTimestampMs)));
    return out;
  }

  /** {@code PACING_PHASE_BUILD_UP} → {@code build_up}, as policies name phases. */
  public static String phase(PacingPhase phase) {
    return phase.name().replace("PACING_PHASE_", "").toLowerCase(Locale.ROOT);
  }

  static String purpose(GenerationRequest r) {
    return r.getPurpose().name().replace("GENERATION_PURPOSE_", "").toLowerCase(Locale.ROOT);
  }

  public double phaseShare(String phase) {
    return phaseTimeShare.getOrDefault(phase, 0.0);
  }
}
