package dev.empath.emotion.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PlayerBaselineTest {

  @Test
  void aNewPlayerStartsFromThePriorAndMovesTowardsTheirOwnPace() {
    PlayerBaseline b = PlayerBaseline.prior();
    assertThat(b.trust()).isZero();
    for (int i = 0; i < 100; i++) {
      b = b.observe(Math.log(3000), Math.log(20), 0.1);
    }
    assertThat(Math.exp(b.logLatency())).isCloseTo(3000, within(150.0));
    assertThat(Math.exp(b.logActionRate())).isCloseTo(20, within(1.5));
    assertThat(b.trust()).isGreaterThan(0.8);
  }

  @Test
  void oneUnusualStretchBarelyMovesAnEstablishedBaseline() {
    PlayerBaseline b = PlayerBaseline.prior();
    for (int i = 0; i < 500; i++) {
      b = b.observe(Math.log(1000), Math.log(60), 0.1);
    }
    PlayerBaseline after = b;
    for (int i = 0; i < 10; i++) {
      after = after.observe(Math.log(4000), Math.log(60), 0.1);
    }
    assertThat(after.logLatency() - b.logLatency()).isLessThan(0.1 * Math.log(4));
  }
}
