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
    assertThat(labels).allSatisfy(l -> assertThat(l.getSource()).isEqualTo("self_report"));
  }

  @Test
  void noiseIsTheShareOfWrongLabels() {
    List<ScriptedLabel> all = new LabelSimulator(1, 1, 0, 1).scripted(session);

    assertThat(all)
        .isNotEmpty()
        .allSatisfy(
            l -> assertThat(l.label().getEmotion()).isNotEqualTo(LabelSimulator.truth(l.arc())));
  }

  @Test
  void aBiasedPlayerKeepsNamingTheirOwnHabitualEmotionAndPlayersHaveDifferentHabits() {
    java.util.Set<String> habits = new java.util.HashSet<>();
    for (int p = 0; p < 12; p++) {
      List<ScriptedBehavior> other =
          new BehaviorSimulator(3)
              .session(
                  new PlayerProfile("g", "p" + p, 1.0),
                  "s" + p,
                  1_764_000_000_000L,
                  Segment.tour(12));
      List<String> said =
          new LabelSimulator(1, 0, 1, 1)
              .labels(other).stream().map(EmotionLabel::getEmotion).distinct().toList();
      assertThat(said).hasSize(1);
      habits.add(said.get(0));
    }
    assertThat(habits).hasSizeGreaterThanOrEqualTo(3);
  }
}
