package dev.empath.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.bench.harness.BenchReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The short version of {@code bench/chaos}: the broker, redis-server and every service as processes
 * of their own under load, each killed once with SIGKILL and restarted; afterwards the topics equal
 * a clean run, the projection a clean rebuild, and the dead-letter topic holds each malformed
 * record once per component that reads it.
 */
class ChaosIT {

  @TempDir Path dir;

  @Test
  void everyComponentKilledWithSigkillUnderLoadLosesNothingAndDoublesNothing() throws Exception {
    ChaosOptions options = new ChaosOptions();
    new CommandLine(options)
        .parseArgs(
            "--rounds", "6",
            "--order", "cycle",
            "--interval-ms", "1500",
            "--rate", "150",
            "--players", "30",
            "--malformed-every", "60",
            "--recovery-timeout-s", "90");
    BenchReport report = new BenchReport(System.out);

    ChaosResult result = new ChaosRun(options, report).run(dir);
    result.print(report);

    assertThat(result.killsPerComponent())
        .allSatisfy((component, kills) -> assertThat(kills).isOne());
    Verdict verdict = result.verdict();
    assertThat(verdict.emotion().expected()).isGreaterThan(100);
    assertThat(verdict.narrative().expected()).isGreaterThan(10);
    assertThat(verdict.generations().requests()).isPositive();
    assertThat(verdict.deadLetters().expected()).isGreaterThanOrEqualTo(6);
    assertThat(verdict.lost()).as("lost").isZero();
    assertThat(verdict.duplicated()).as("duplicated").isZero();
    assertThat(verdict.emotion().equal()).as("emotion equals a clean run").isTrue();
    assertThat(verdict.narrative().equal()).as("narrative equals a clean run").isTrue();
    assertThat(verdict.generations().orphans()).isZero();
    assertThat(verdict.projectionDifferences()).as("projection vs clean rebuild").isEmpty();
    assertThat(verdict.projectionEqual()).isTrue();
    assertThat(verdict.deadLetters().exact()).as(verdict.deadLetters().toString()).isTrue();
  }
}
