package dev.empath.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GameRatesTest {

  private final AtomicLong now = new AtomicLong(5_000_000);
  private final GameRates rates = new GameRates(now::get);

  @Test
  void ratesAverageTheLastFullSecondsPerGame() {
    for (int s = 0; s < GameRates.RATE_SECONDS; s++) {
      for (int i = 0; i < 20; i++) {
        rates.count("g1", GameRates.Kind.PREDICTION, i % 4 == 0 ? "joy" : "calm");
      }
      rates.count("g1", GameRates.Kind.DECISION, null);
      rates.count("g2", GameRates.Kind.LINE, null);
      rates.countDeadLetter();
      now.addAndGet(1_000);
    }
    GameRates.Snapshot g1 = rates.snapshot("g1");
    assertThat(g1.predictionsPerSecond()).isEqualTo(20.0);
    assertThat(g1.decisionsPerSecond()).isEqualTo(1.0);
    assertThat(g1.linesPerSecond()).isZero();
    assertThat(g1.deadLettersPerSecond()).isEqualTo(1.0);
    assertThat(g1.emotionShares().get("joy")).isCloseTo(0.25, within(1e-9));
    assertThat(g1.emotionShares().get("calm")).isCloseTo(0.75, within(1e-9));
    assertThat(rates.snapshot("g2").linesPerSecond()).isEqualTo(1.0);
    assertThat(rates.snapshot("unknown").predictionsPerSecond()).isZero();
  }

  @Test
  void oldCountsLeaveTheWindowAndSilentGamesAreForgotten() {
    rates.count("g1", GameRates.Kind.PREDICTION, "joy");
    now.addAndGet(2_000);
    assertThat(rates.snapshot("g1").predictionsPerSecond()).isEqualTo(0.1);
    now.addAndGet(GameRates.RATE_SECONDS * 1_000L);
    assertThat(rates.snapshot("g1").predictionsPerSecond()).isZero();
    assertThat(rates.snapshot("g1").predictionsCounted()).isEqualTo(1);
    now.addAndGet(GameRates.HISTORY_SECONDS * 1_000L);
    rates.forgetSilent();
    assertThat(rates.snapshot("g1").predictionsCounted()).isZero();
  }
}
