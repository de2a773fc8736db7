package dev.empath.emotion.model.document;

import dev.empath.emotion.model.Emotion;
import dev.empath.emotion.model.ModelInputs;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrototype;
import dev.empath.schemas.v1.LinearScore;
import dev.empath.schemas.v1.TransparentModel;
import dev.empath.schemas.v1.WeightedInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What makes a model document usable: each problem is reported with the field it is in ({@code
 * transparent.arousal.terms[2].input}), so whoever edits the file knows what to fix.
 */
public final class ModelRules {

  /** Largest weight, gain or offset accepted: beyond it the softmax saturates to a constant. */
  static final double MAX_MAGNITUDE = 100;

  private static final Set<String> EMOTIONS =
      Arrays.stream(Emotion.values())
          .map(Emotion::wireName)
          .collect(Collectors.toUnmodifiableSet());

  private ModelRules() {}

  public static List<String> violations(EmotionModelDocument d) {
    List<String> problems = new ArrayList<>();
    if (d.getVersion().isBlank()) {
      problems.add("version is required");
    } else if (d.getVersion().length() > 64) {
      problems.add("version is longer than 64 characters");
    }
    if (d.getGameId().isBlank()) {
      problems.add("game_id is required (\"*\" for every game)");
    }
    switch (d.getKindCase()) {
      case TRANSPARENT -> transparent(d.getTransparent(), problems);
      case ONNX -> OnnxRules.check(d.getOnnx(), problems);
      case KIND_NOT_SET -> problems.add("a model kind is required: transparent or onnx");
    }
    return problems;
  }

  public static EmotionModelDocument requireValid(EmotionModelDocument d, String source) {
    List<String> problems = violations(d);
    if (!problems.isEmpty()) {
      throw new ModelRejectedException(source, problems);
    }
    return d;
  }

  private static void transparent(TransparentModel m, List<String> problems) {
    String at = "transparent.";
    for (Emotion e : Emotion.values()) {
      if (!m.containsPrototypes(e.wireName())) {
        problems.add(at + "prototypes." + e.wireName() + " is required");
      }
    }
    m.getPrototypesMap()
        .forEach(
            (name, p) -> {
              if (!EMOTIONS.contains(name)) {
                problems.add(
                    at + "prototypes." + name + ": unknown emotion (known: " + known() + ")");
              }
              prototype(at + "prototypes." + name, p, problems);
            });
    if (!(m.getWidth() > 0 && m.getWidth() <= 10)) {
      problems.add(at + "width must be in (0, 10]: " + m.getWidth());
    }
    if (!(m.getEvidenceEvents() > 0 && m.getEvidenceEvents() <= 1_000_000)) {
      problems.add(at + "evidence_events must be in (0, 1000000]: " + m.getEvidenceEvents());
    }
    if (!m.hasArousal() || m.getArousal().getTermsCount() == 0) {
      problems.add(at + "arousal needs at least one term");
    } else {
      score(at + "arousal", m.getArousal(), false, problems);
    }
    if (!m.hasValence() || m.getValence().getTermsCount() == 0) {
      problems.add(at + "valence needs at least one term");
    } else {
      score(at + "valence", m.getValence(), true, problems);
    }
    m.getCuesMap()
        .forEach(
            (name, cue) -> {
              if (!EMOTIONS.contains(name)) {
                problems.add(at + "cues." + name + ": unknown emotion (known: " + known() + ")");
              }
              terms(at + "cues." + name, cue.getTermsList(), true, problems);
            });
    double base = m.getConfidenceBase();
    double trust = m.getConfidenceTrustWeight();
    if (!(base >= 0 && trust >= 0 && base + trust <= 1 && base + trust > 0)) {
      problems.add(
          at
              + "confidence_base and confidence_trust_weight must be >= 0 with a sum in (0, 1]: "
              + base
              + " + "
              + trust);
    }
  }

  private static void prototype(String at, EmotionPrototype p, List<String> problems) {
    if (!(p.getValence() >= -1 && p.getValence() <= 1)) {
      problems.add(at + ".valence must be in [-1, 1]: " + p.getValence());
    }
    if (!(p.getArousal() >= 0 && p.getArousal() <= 1)) {
      problems.add(at + ".arousal must be in [0, 1]: " + p.getArousal());
    }
  }

  private static void score(String at, LinearScore s, boolean arousalKnown, List<String> problems) {
    terms(at, s.getTermsList(), arousalKnown, problems);
    magnitude(at + ".gain", s.getGain(), problems);
    magnitude(at + ".offset", s.getOffset(), problems);
    if (s.getGain() == 0) {
      problems.add(at + ".gain must not be 0 (the terms would count for nothing)");
    }
  }

  private static void terms(
      String at, List<WeightedInput> terms, boolean arousalKnown, List<String> problems) {
    for (int i = 0; i < terms.size(); i++) {
      WeightedInput t = terms.get(i);
      String field = at + ".terms[" + i + "]";
      if (ModelInputs.indexOf(t.getInput()) < 0) {
        problems.add(
            field
                + ".input: unknown input '"
                + t.getInput()
                + "' (known: "
                + String.join(", ", ModelInputs.NAMES)
                + ")");
      } else if (!arousalKnown && ModelInputs.needsArousal(t.getInput())) {
        problems.add(field + ".input: " + t.getInput() + " depends on arousal itself");
      }
      magnitude(field + ".weight", t.getWeight(), problems);
    }
  }

  private static void magnitude(String field, double value, List<String> problems) {
    if (!(Math.abs(value) <= MAX_MAGNITUDE)) {
      problems.add(field + " must be finite and within +-" + MAX_MAGNITUDE + ": " + value);
    }
  }

  private static String known() {
    return Arrays.stream(Emotion.values()).map(Emotion::wireName).collect(Collectors.joining(", "));
  }
}
