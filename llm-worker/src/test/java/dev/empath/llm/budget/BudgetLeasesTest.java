package dev.empath.llm.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.llm.budget.BudgetLeases.Chunk;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetLeasesTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void aChunkIsAQuarterOfABurstAtMost() {
    assertThat(BudgetLeases.chunk(new BudgetSettings(1000, 40, 6_000_000, 120_000), SECOND))
        .isEqualTo(new Chunk(10, 30_000));
  }

  @Test
  void andOneLeasePeriodsRefillAtMost() {
    assertThat(BudgetLeases.chunk(BudgetSettings.defaults(), SECOND))
        .isEqualTo(new Chunk(10, 1_000));
    assertThat(BudgetLeases.chunk(BudgetSettings.defaults(), Duration.ofMillis(250)))
        .isEqualTo(new Chunk(5, 250));
  }

  @Test
  void roundsDownToWholeRequestsAndTokens() {
    assertThat(BudgetLeases.chunk(new BudgetSettings(2.7, 40, 90, 120_000), SECOND))
        .isEqualTo(new Chunk(2, 1));
  }

  @Test
  void tightBudgetsLeaseNothingAhead() {
    // A burst of 3 is below 4: a quarter of it is no whole request.
    assertThat(BudgetLeases.chunk(new BudgetSettings(0.0001, 3, 60_000, 120_000), SECOND))
        .isEqualTo(new Chunk(0, 1_000));
    // Refill below one a period: nothing either, however large the bursts.
    assertThat(BudgetLeases.chunk(new BudgetSettings(0.5, 400, 59, 120_000), SECOND))
        .isEqualTo(new Chunk(0, 0));
  }
}
