package dev.empath.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.validation.ContractValidators;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSimulatorTest {

  private final List<ScriptedBehavior> session =
      new BehaviorSimulator(3)
          .session(new PlayerProfile("g", "p", 1.0), "s", 1_764_000_000_000L, Segment.tour(40));

  @Test
  void withoutNoiseOrBiasEveryLabelNamesItsArcsEmotionAndIsValid() {
    List<EmotionLabel> labels = new LabelSimulator(1, 0, 0, 4).labels(session);

    assertThat(labels).hasSizeGreaterThan(20);
    assertThat(labels)
        .allSatisfy(l -> assertThat(ContractValidators.LABEL.violations(l)).isEmpty());
    assertThat(labels.stream().map(EmotionLabel::getEmotion).distinct())
        .containsExactlyInAnyOrder("calm", "frustration", "excitement", "boredom");
  }

  @Test
  void noiseChangesSomeLabelsAndTheSameSeedGivesTheSameLabels() {
    List<EmotionLabel> clean = new LabelSimulator(1, 0, 0, 4).labels(session);
    List<EmotionLabel> noisy = new LabelSimulator(1, 0.5, 0, 4).labels(session);

    long changed =
        java.util.stream.IntStream.range(0, clean.size())
            .filter(i -> !clean.get(i).getEmotion().equals(noisy.get(i).getEmotion()))
            .count();
    assertThat(changed).isBetween(clean.size() / 10L, clean.size() * 6L / 10);
    assertThat(new LabelSimulator(1, 0.5, 0, 4).labels(session)).isEqualTo(noisy);
  }
}
