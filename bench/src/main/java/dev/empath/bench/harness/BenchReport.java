package dev.empath.bench.harness;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints results as {@code BENCH <name> <value> <unit>} lines, the machine-readable contract of
 * every benchmark. Benchmarks are programs, so printing to stdout is their job.
 */
public final class BenchReport {

  private final PrintStream out;

  public BenchReport(PrintStream out) {
    this.out = out;
  }

  public static BenchReport stdout() {
    return new BenchReport(System.out);
  }

  /** A human-readable progress or context line (prefixed so parsers can skip it). */
  public void info(String format, Object... args) {
    out.println("# " + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  public void metric(String name, double value, String unit) {
    if (!name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("metric names are lower_snake_case: " + name);
    }
    out.println(format(name, value, unit));
    out.flush();
  }

  /** {@code candidate / baseline} as a {@code ratio} metric; both measured in the same run. */
  public double ratio(String name, double candidate, double baseline) {
    double ratio = baseline == 0 ? 0 : candidate / baseline;
    metric(name, ratio, "ratio");
    return ratio;
  }

  /** p50, p99 and max of a recorder as {@code <prefix>_p50} ... in milliseconds. */
  public void latencies(String prefix, LatencyRecorder recorder) {
    metric(prefix + "_p50", recorder.percentileMillis(50), "ms");
    metric(prefix + "_p99", recorder.percentileMillis(99), "ms");
    metric(prefix + "_max", recorder.maxMillis(), "ms");
  }

  static String format(String name, double value, String unit) {
    String number =
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%.4f", value);
    return "BENCH " + name + " " + number + " " + unit;
  }
}
