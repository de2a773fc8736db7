package dev.empath.bench.harness;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Repeats a warm-up round until the JIT compilers are quiet: a round in which they spent less than
 * a given share of its time compiling. A service that runs for hours is measured as it runs after
 * its first minute, not while C2 is still compiling its hot paths: on a 2-core machine a compiler
 * thread busy for milliseconds at a time delays the service's own threads.
 */
public final class JitWarmUp {

  /**
   * What the warm-up took. {@code lastRoundCompileMillis} is -1 where the JVM cannot tell; {@code
   * quietShare} is the share of a round it was judged by.
   */
  public record Outcome(
      int rounds, double seconds, long lastRoundCompileMillis, boolean quiet, double quietShare) {

    /** What the warm-up took, for a benchmark's report. */
    public String describe() {
      return String.format(
          "%d rounds, %.0f s, until the JIT compiled less than %.0f%% of a round (last round: %d"
              + " ms)%s",
          rounds,
          seconds,
          quietShare * 100,
          lastRoundCompileMillis,
          quiet ? "" : "; stopped at the time limit, the JIT still compiling");
    }
  }

  /** One warm-up round of about {@code roundLength}; {@code round} counts from 0. */
  @FunctionalInterface
  public interface Round {
    void run(int round) throws InterruptedException;
  }

  private JitWarmUp() {}

  /** Milliseconds the JIT compilers have spent so far, or -1 where the JVM cannot tell. */
  public static long compiledMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }

  /**
   * Runs rounds until one compiled for less than {@code quietShare} of its duration, or until
   * {@code limit} has passed (then {@link Outcome#quiet()} is false). Without JIT time monitoring
   * it runs the rounds that fit in {@code limit}.
   */
  public static Outcome untilQuiet(double quietShare, Duration limit, Round round)
      throws InterruptedException {
    return untilQuiet(quietShare, limit, round, JitWarmUp::compiledMillis, System::nanoTime);
  }

  static Outcome untilQuiet(
      double quietShare,
      Duration limit,
      Round round,
      LongSupplier compiledMillis,
      LongSupplier nanoTime)
      throws InterruptedException {
    boolean monitored = compiledMillis.getAsLong() >= 0;
    long start = nanoTime.getAsLong();
    long deadline = start + limit.toNanos();
    long lastCompile = -1;
    int rounds = 0;
    while (true) {
      long roundStart = nanoTime.getAsLong();
      long compiledBefore = compiledMillis.getAsLong();
      round.run(rounds++);
      long now = nanoTime.getAsLong();
      boolean quiet = false;
      if (monitored) {
        lastCompile = compiledMillis.getAsLong() - compiledBefore;
        quiet = lastCompile < quietShare * (now - roundStart) / 1e6;
      }
      if (quiet || now >= deadline) {
        return new Outcome(rounds, (now - start) / 1e9, lastCompile, quiet, quietShare);
      }
    }
  }
}
