package dev.empath.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.validation.ContractValidators;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InteractionSimulatorTest {

  private final BehaviorSimulator behaviour = new BehaviorSimulator(7);
  private final InteractionSimulator interactions = new InteractionSimulator(7, 4);

  private List<ScriptedInteraction> interactionsIn(Arc arc) {
    List<ScriptedBehavior> session =
        behaviour.session(
            behaviour.players("g", 1).get(0),
            "s-" + arc,
            1_764_000_000_000L,
            List.of(new Segment(arc, 400)));
    return interactions.alongside(session);
  }

  @Test
  void interactionsAreValidAndFollowTheBehaviourAtTheExpectedRate() {
    List<ScriptedInteraction> out = interactionsIn(Arc.CALM_EXPLORATION);

    assertThat(out).hasSizeBetween(60, 140); // ~1 in 4 of 400 events
    assertThat(out)
        .allSatisfy(
            i -> assertThat(ContractValidators.INTERACTION.violations(i.event())).isEmpty());
    assertThat(out.stream().map(i -> i.event().getEventId()).distinct()).hasSameSizeAs(out);
  }

  @Test
  void frustratedPlayersTurnHostileWhileExplorersStayFriendly() {
    Map<InteractionKind, Long> frustrated = kinds(interactionsIn(Arc.RISING_FRUSTRATION));
    Map<InteractionKind, Long> calm = kinds(interactionsIn(Arc.CALM_EXPLORATION));

    assertThat(frustrated.getOrDefault(InteractionKind.INTERACTION_KIND_INSULT, 0L))
        .isGreaterThan(frustrated.getOrDefault(InteractionKind.INTERACTION_KIND_TALK, 0L));
    assertThat(calm)
        .doesNotContainKeys(
            InteractionKind.INTERACTION_KIND_INSULT, InteractionKind.INTERACTION_KIND_ATTACK);
    assertThat(interactionsIn(Arc.RISING_FRUSTRATION))
        .filteredOn(i -> i.event().getKind() == InteractionKind.INTERACTION_KIND_ATTACK)
        .allSatisfy(i -> assertThat(i.event().getImpact()).isNegative());
  }

  @Test
  void sameSeedSameInteractions() {
    assertThat(interactionsIn(Arc.COMBAT_EXCITEMENT))
        .isEqualTo(interactionsIn(Arc.COMBAT_EXCITEMENT));
  }

  private static Map<InteractionKind, Long> kinds(List<ScriptedInteraction> list) {
    return list.stream()
        .map(i -> i.event().getKind())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
