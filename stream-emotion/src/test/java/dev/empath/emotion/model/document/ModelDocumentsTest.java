package dev.empath.emotion.model.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.Assessment;
import dev.empath.emotion.model.Emotion;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.TransparentModel;
import dev.empath.schemas.v1.WeightedInput;
import org.junit.jupiter.api.Test;

class ModelDocumentsTest {

  private static final EmotionModelDocument SHIPPED =
      ModelDocuments.resource(TransparentEmotionModel.DEFAULT_RESOURCE);

  /** Dying a lot while failing: the default calls it frustration. */
  private static final FeatureVector DYING =
      new FeatureVector(-0.2, 0.4, 0.15, 0.8, 0.2, 0.7, 0.4, 0.0, 0, 0.3, 1000, 60);

  @Test
  void theShippedDocumentIsValidAndNamesTheModelVersion() {
    assertThat(ModelRules.violations(SHIPPED)).isEmpty();
    assertThat(new TransparentEmotionModel().version()).isEqualTo("transparent-v1");
    assertThat(ModelDocuments.parse(ModelDocuments.toJson(SHIPPED), "round trip"))
        .isEqualTo(SHIPPED);
  }

  @Test
  void theSameModelWithOtherWeightsJudgesDifferently() {
    TransparentModel.Builder m = SHIPPED.getTransparent().toBuilder();
    // Ignore deaths: drop every term that reads death_rate, and the failure cue.
    var arousal = without(m.getArousal().getTermsList(), "death_rate");
    var valence = without(m.getValence().getTermsList(), "death_rate");
    m.getArousalBuilder().clearTerms().addAllTerms(arousal);
    m.getValenceBuilder().clearTerms().addAllTerms(valence);
    m.removeCues("frustration");
    EmotionModelDocument candidate =
        SHIPPED.toBuilder().setVersion("no-deaths-1").setTransparent(m).build();
    ModelRules.requireValid(candidate, "candidate");

    Assessment shipped = new TransparentEmotionModel(SHIPPED).assess(DYING, 50, 1);
    Assessment noDeaths = new TransparentEmotionModel(candidate).assess(DYING, 50, 1);
    assertThat(shipped.dominant()).isEqualTo(Emotion.FRUSTRATION);
    assertThat(noDeaths.scores().get(Emotion.FRUSTRATION))
        .isLessThan(shipped.scores().get(Emotion.FRUSTRATION));
    assertThat(new TransparentEmotionModel(candidate).version()).isEqualTo("no-deaths-1");
  }

  @Test
  void aMisspeltFieldIsRejectedNotIgnored() {
    String json = ModelDocuments.toJson(SHIPPED).replace("\"evidenceEvents\"", "\"evidenceEvent\"");
    assertThatThrownBy(() -> ModelDocuments.parse(json, "candidate.json"))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("emotion model candidate.json rejected")
        .hasMessageContaining("evidenceEvent");
  }

  @Test
  void everyProblemNamesItsField() {
    TransparentModel.Builder m = SHIPPED.getTransparent().toBuilder();
    m.removePrototypes("calm");
    m.getArousalBuilder().setTerms(2, WeightedInput.newBuilder().setInput("deaths").setWeight(1));
    m.getArousalBuilder()
        .addTerms(WeightedInput.newBuilder().setInput("repetition_excess_calm").setWeight(1));
    m.getValenceBuilder().setGain(0);
    m.setWidth(-1).setConfidenceBase(0.9);
    m.putCues("rage", m.getCuesOrThrow("joy"));
    EmotionModelDocument bad = SHIPPED.toBuilder().setVersion("").setTransparent(m).build();

    assertThat(ModelRules.violations(bad))
        .containsExactlyInAnyOrder(
            "version is required",
            "transparent.prototypes.calm is required",
            "transparent.width must be in (0, 10]: -1.0",
            "transparent.arousal.terms[2].input: unknown input 'deaths' (known: "
                + String.join(", ", dev.empath.emotion.model.ModelInputs.NAMES)
                + ")",
            "transparent.arousal.terms[6].input: repetition_excess_calm depends on arousal itself",
            "transparent.valence.gain must not be 0 (the terms would count for nothing)",
            "transparent.cues.rage: unknown emotion (known: joy, excitement, calm, boredom,"
                + " frustration, anxiety)",
            "transparent.confidence_base and confidence_trust_weight must be >= 0 with a sum in"
                + " (0, 1]: 0.9 + 0.3");
  }

  private static java.util.List<WeightedInput> without(
      java.util.List<WeightedInput> terms, String input) {
    return terms.stream().filter(t -> !t.getInput().equals(input)).toList();
  }
}
