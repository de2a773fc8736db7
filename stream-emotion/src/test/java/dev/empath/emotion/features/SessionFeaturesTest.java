package dev.empath.emotion.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionFeaturesTest {

  private static PlayerBehaviorData event(
      double latency, int apm, Map<String, Float> context, Integer... choices) {
    return PlayerBehaviorData.newBuilder()
        .setDecisionLatencyMs((float) latency)
        .setActionFrequency(apm)
        .putAllContextData(context)
        .addAllRecentChoices(List.of(choices))
        .build();
  }

  @Test
  void theFirstEventSetsPaceAndLaterOnesSmoothIt() {
    SessionFeatures f = SessionFeatures.empty().update(event(1000, 60, Map.of()), 0.5);
    assertThat(Math.exp(f.logLatency())).isCloseTo(1000, within(1e-6));
    assertThat(f.latencyJitter()).isZero();

    SessionFeatures g = f.update(event(4000, 60, Map.of()), 0.5);
    assertThat(Math.exp(g.logLatency())).isCloseTo(2000, within(1e-6)); // geometric mean
    assertThat(g.latencyJitter()).isCloseTo(0.5 * Math.log(4), within(1e-9));
    assertThat(g.eventsSeen()).isEqualTo(2);
  }

  @Test
  void cumulativeDeathsCountOnlyIncreasesAndUnknownKeysAreIgnored() {
    SessionFeatures f =
        SessionFeatures.empty().update(event(1000, 60, Map.of("deaths", 2f, "mana", 7f)), 1.0);
    assertThat(f.deathRate()).as("the first count is a starting point, not 2 deaths now").isZero();
    f = f.update(event(1000, 60, Map.of("deaths", 3f)), 1.0);
    assertThat(f.deathRate()).isEqualTo(1.0);
    f = f.update(event(1000, 60, Map.of("deaths", 2f)), 1.0); // reordered older count
    assertThat(f.deathRate()).isZero();
    assertThat(f.lastDeaths()).isEqualTo(3);
  }

  @Test
  void successDriftsBackToNeutralWithoutAttemptsAndProgressCountsGains() {
    SessionFeatures f =
        SessionFeatures.empty()
            .update(event(1000, 60, Map.of("success", 0f, "progress", 0.2f)), 1.0);
    assertThat(f.success()).isZero();
    for (int i = 0; i < 50; i++) {
      f = f.update(event(1000, 60, Map.of("progress", 0.3f)), 0.5);
    }
    assertThat(f.success()).isCloseTo(0.5, within(0.05));
    assertThat(f.progress()).isEqualTo(0.3, within(1e-6));
  }

  @Test
  void choiceStatsTellRepetitionFromVariety() {
    assertThat(ChoiceStats.of(List.of(1, 1, 1, 1)).orElseThrow())
        .isEqualTo(new ChoiceStats(1.0, 0.0));
    ChoiceStats varied = ChoiceStats.of(List.of(1, 2, 3, 4)).orElseThrow();
    assertThat(varied.repetition()).isEqualTo(0.25);
    assertThat(varied.entropy()).isCloseTo(1.0, within(1e-9));
    assertThat(ChoiceStats.of(List.of(5))).isEmpty();
  }
}
