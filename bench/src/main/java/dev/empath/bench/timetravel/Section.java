package dev.empath.bench.timetravel;

import dev.empath.bench.harness.BenchReport;

/** One measured part of bench/timetravel; each prints its own {@code BENCH} lines. */
interface Section {

  /** Short name, for progress lines. */
  String name();

  void run(TimeTravelSetup setup, BenchReport report) throws Exception;
}
