package dev.empath.bench.e2e;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.LatencyRecorder;

/** The latency step's probes in words: answers, time-outs, percentiles, and the two legs. */
final class ProbeReport {

  private ProbeReport() {}

  static void describe(BenchReport report, int rate, LatencyProbes.Outcome o, E2eOptions options) {
    LatencyRecorder r = o.latency();
    report.info(
        "latency at %d/s: %d probes, %d answered, %d timed out (> %d s), %d failed, %d non-404"
            + " error answers; ms p50 %.1f p90 %.1f p99 %.1f max %.1f (poll every %d ms)",
        rate,
        o.sent(),
        o.answered(),
        o.timedOut(),
        options.probeTimeoutSeconds,
        o.failed(),
        o.rejected(),
        r.percentileMillis(50),
        r.percentileMillis(90),
        r.percentileMillis(99),
        r.maxMillis(),
        options.pollMs);
    LatencyRecorder k = o.kafkaLeg();
    LatencyRecorder p = o.projectionLeg();
    report.info(
        "  legs: produce -> prediction readable on the emotion topic (read_committed) ms p50 %.1f"
            + " p99 %.1f max %.1f (%d probes); then -> readable over HTTP (projection, Redis,"
            + " API, poll gap) ms p50 %.1f p99 %.1f max %.1f",
        k.percentileMillis(50),
        k.percentileMillis(99),
        k.maxMillis(),
        k.count(),
        p.percentileMillis(50),
        p.percentileMillis(99),
        p.maxMillis());
  }
}
