package dev.empath.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.schemas.validation.ContractValidators;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BehaviorSimulatorTest {

  private static final long T0 = 1_764_000_000_000L;

  private final BehaviorSimulator simulator = new BehaviorSimulator(42);

  @Test
  void sameSeedGivesSameEventsAndEveryEventIsValidWithAUniqueId() {
    List<PlayerProfile> players = simulator.players("game-1", 5);
    List<ScriptedBehavior> first = simulator.population(players, 2, Segment.tour(10), T0);
    List<ScriptedBehavior> second =
        new BehaviorSimulator(42).population(players, 2, Segment.tour(10), T0);

    assertThat(first).hasSize(5 * 2 * 50).isEqualTo(second);
    assertThat(first.stream().map(e -> e.event().getEventId()).collect(Collectors.toSet()))
        .hasSize(first.size());
    assertThat(first)
        .allSatisfy(e -> assertThat(ContractValidators.BEHAVIOR.violations(e.event())).isEmpty())
        .isSortedAccordingTo(java.util.Comparator.comparingLong(ScriptedBehavior::timestampMs));
  }

  @Test
  void aSessionLooksTheSameAloneOrInAPopulation() {
    PlayerProfile player = new PlayerProfile("g", "p", 1.0);
    List<ScriptedBehavior> alone = simulator.session(player, "p-session-0", T0, Segment.tour(5));
    List<ScriptedBehavior> inPopulation =
        simulator.population(List.of(player), 1, Segment.tour(5), T0);
    assertThat(inPopulation).isEqualTo(alone);
  }

  @Test
  void arcsShapeBehaviourRelativeToThePlayersPace() {
    PlayerProfile quick = new PlayerProfile("g", "quick", 1.0);
    PlayerProfile slow = new PlayerProfile("g", "slow", 2.5);
    List<Segment> boring = List.of(new Segment(Arc.REPETITIVE_BOREDOM, 40));

    double quickLatency = meanLatency(simulator.session(quick, "s", T0, boring));
    double slowLatency = meanLatency(simulator.session(slow, "s", T0, boring));
    assertThat(slowLatency / quickLatency)
        .isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.01));

    List<ScriptedBehavior> frustration =
        simulator.session(quick, "f", T0, List.of(new Segment(Arc.RISING_FRUSTRATION, 30)));
    PlayerBehaviorData last = frustration.get(frustration.size() - 1).event();
    assertThat(last.getContextDataMap()).containsEntry("success", 0f);
    assertThat(last.getContextDataMap().get("deaths")).isGreaterThan(3f);
    assertThat(frustration).allSatisfy(e -> assertThat(e.arc()).isEqualTo(Arc.RISING_FRUSTRATION));
  }

  @Test
  void expectedEmotionsNameTheIntent() {
    assertThat(Arc.RISING_FRUSTRATION.expectedEmotions()).isEqualTo(Set.of("frustration"));
    assertThat(Arc.COMBAT_EXCITEMENT.expectedEmotions()).contains("excitement");
  }

  private static double meanLatency(List<ScriptedBehavior> events) {
    return events.stream().mapToDouble(e -> e.event().getDecisionLatencyMs()).average().orElse(0);
  }
}
