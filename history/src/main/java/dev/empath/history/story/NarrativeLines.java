package dev.empath.history.story;

import dev.empath.schemas.v1.DecisionReason;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a narrative decision said: phase (and whether it changed), pacing, hint, tone, reasons. */
final class NarrativeLines {

  private NarrativeLines() {}

  static Said decision(NarrativeDecision d) {
    // The director stamps a phase with the decision's own time when it enters it.
    boolean entered = d.getPhaseSinceMs() == d.getTimestampMs();
    String phase = phase(d.getPhase());
    StringBuilder text = new StringBuilder(entered ? "entered " + phase : phase);
    text.append(
        String.format(
            Locale.ROOT,
            ", intensity %.2f, difficulty %+.2f, tone %s",
            d.getIntensity(),
            d.getDifficultyAdjustment(),
            d.getDialogueTone().isEmpty() ? "-" : d.getDialogueTone()));
    if (d.getOfferHint()) {
      text.append(", hint offered");
    }
    List<String> codes = new ArrayList<>();
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (DecisionReason r : d.getReasonsList()) {
      codes.add(r.getAspect() + ":" + r.getCode());
      Map<String, Object> reason = new LinkedHashMap<>();
      reason.put("aspect", r.getAspect());
      reason.put("code", r.getCode());
      reason.put("detail", r.getDetail());
      reasons.add(reason);
    }
    if (!codes.isEmpty()) {
      text.append("; ").append(String.join(", ", codes));
    }
    Map<String, Object> fields =
        new Fields()
            .text("decisionId", d.getDecisionId())
            .text("playerId", d.getPlayerId())
            .text("phase", phase)
            .flag("phaseChanged", entered)
            .number("phaseSinceMs", d.getPhaseSinceMs())
            .decimal("intensity", d.getIntensity())
            .decimal("difficultyAdjustment", d.getDifficultyAdjustment())
            .text("tone", d.getDialogueTone())
            .flag("hintOffered", d.getOfferHint())
            .map("sceneAdjustments", new TreeMap<>(d.getSceneAdjustmentsMap()))
            .list("reasons", reasons)
            .text("policyVersion", d.getPolicyVersion())
            .text("dominantEmotion", d.getDominantEmotion())
            .text("sourcePredictionId", d.getSourcePredictionId())
            .build();
    return new Said(text.toString(), fields);
  }

  /** {@code build-up}, {@code sustain-peak}, {@code peak-fade}, {@code relax}. */
  static String phase(PacingPhase phase) {
    return switch (phase) {
      case PACING_PHASE_BUILD_UP -> "build-up";
      case PACING_PHASE_SUSTAIN_PEAK -> "sustain-peak";
      case PACING_PHASE_PEAK_FADE -> "peak-fade";
      case PACING_PHASE_RELAX -> "relax";
      default -> "unspecified";
    };
  }
}
