package dev.empath.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {

  private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(3);

  /** A JVM whose clock and JIT time advance only when a round runs, by the amounts scripted. */
  private static final class ScriptedJvm {
    private final List<Long> compileMillisPerRound;
    private final boolean monitored;
    long nanos;
    long compiled;

    ScriptedJvm(boolean monitored, Long... compileMillisPerRound) {
      this.monitored = monitored;
      this.compileMillisPerRound = List.of(compileMillisPerRound);
    }

    void round(int n) {
      nanos += ROUND_NANOS;
      compiled += compileMillisPerRound.get(Math.min(n, compileMillisPerRound.size() - 1));
    }

    long compiledMillis() {
      return monitored ? compiled : -1;
    }

    JitWarmUp.Outcome warmUp(Duration limit) throws InterruptedException {
      return JitWarmUp.untilQuiet(0.01, limit, this::round, this::compiledMillis, () -> nanos);
    }
  }

  @Test
  void stopsAfterTheFirstRoundThatCompiledLessThanTheShare() throws InterruptedException {
    // 1% of a 3 s round is 30 ms: the third round (29 ms) is the first quiet one.
    ScriptedJvm jvm = new ScriptedJvm(true, 2_000L, 30L, 29L, 0L);

    JitWarmUp.Outcome outcome = jvm.warmUp(Duration.ofSeconds(90));

    assertThat(outcome.quiet()).isTrue();
    assertThat(outcome.rounds()).isEqualTo(3);
    assertThat(outcome.lastRoundCompileMillis()).isEqualTo(29);
    assertThat(outcome.seconds()).isEqualTo(9.0);
  }

  @Test
  void givesUpAtTheLimitWhileTheJitKeepsCompiling() throws InterruptedException {
    ScriptedJvm jvm = new ScriptedJvm(true, 500L);

    JitWarmUp.Outcome outcome = jvm.warmUp(Duration.ofSeconds(10));

    assertThat(outcome.quiet()).isFalse();
    assertThat(outcome.rounds()).isEqualTo(4); // 12 s: the first round ending past 10 s
    assertThat(outcome.lastRoundCompileMillis()).isEqualTo(500);
  }

  @Test
  void withoutJitTimeRunsTheRoundsThatFitTheLimit() throws InterruptedException {
    ScriptedJvm jvm = new ScriptedJvm(false, 0L);

    JitWarmUp.Outcome outcome = jvm.warmUp(Duration.ofSeconds(6));

    assertThat(outcome.quiet()).isFalse();
    assertThat(outcome.rounds()).isEqualTo(2);
    assertThat(outcome.lastRoundCompileMillis()).isEqualTo(-1);
  }
}
