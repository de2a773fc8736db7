package dev.empath.bench.harness;

import java.util.function.LongSupplier;

/** Measures operations per second of a body that reports how many operations it did. */
public final class Throughput {

  private Throughput() {}

  /** Runs {@code body} until {@code minNanos} have passed; returns operations per second. */
  public static double measure(long minNanos, LongSupplier body) {
    long ops = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      ops += body.getAsLong();
      elapsed = System.nanoTime() - start;
    } while (elapsed < minNanos);
    return ops * 1e9 / elapsed;
  }
}
