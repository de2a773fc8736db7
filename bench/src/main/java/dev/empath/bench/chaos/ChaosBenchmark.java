package dev.empath.bench.chaos;

import dev.empath.bench.harness.BenchArgs;
import dev.empath.bench.harness.BenchReport;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code bench/chaos}: the fault harness as a program (see {@link ChaosRun}). */
public final class ChaosBenchmark {

  private ChaosBenchmark() {}

  public static void main(String[] args) throws Exception {
    ChaosOptions options = BenchArgs.parse(new ChaosOptions(), args);
    try {
      options.validate();
    } catch (IllegalArgumentException e) {
      System.err.println("bench/chaos: " + e.getMessage());
      System.exit(2);
    }
    Path dir = options.dir != null ? options.dir : Files.createTempDirectory("empath-chaos-");
    BenchReport report = BenchReport.stdout();
    ChaosResult result = new ChaosRun(options, report).run(dir);
    result.print(report);
    report.info(result.passed() ? "PASSED" : "FAILED");
    // The fake provider's pool threads would keep the JVM alive.
    System.exit(result.passed() ? 0 : 1);
  }
}
