package dev.empath.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.readmodel.character.Decay;
import dev.empath.readmodel.character.Relationship;
import org.junit.jupiter.api.Test;

class DecayTest {

  @Test
  void halvesTheDistanceToNeutralPerHalfLife() {
    Decay decay = new Decay(1_000);
    assertThat(decay.apply(0.8, 0, 1_000)).isCloseTo(0.4, within(1e-9));
    assertThat(decay.apply(-0.8, 0, 2_000)).isCloseTo(-0.2, within(1e-9));
    assertThat(decay.apply(0.8, 0, -5)).isEqualTo(0.8);
  }

  @Test
  void relationshipDecaysOnReadAndStaysBounded() {
    Relationship stored = new Relationship("g", "c", "p", 3.0, -0.6, 4, 10_000);
    assertThat(stored.affinity()).isEqualTo(1.0);
    Relationship later =
        stored.decayedTo(10_000 + Decay.RELATIONSHIP.halfLifeMs(), Decay.RELATIONSHIP);
    assertThat(later.affinity()).isCloseTo(0.5, within(1e-9));
    assertThat(later.trust()).isCloseTo(-0.3, within(1e-9));
    assertThat(later.lastInteractionMs()).isEqualTo(10_000);
  }
}
