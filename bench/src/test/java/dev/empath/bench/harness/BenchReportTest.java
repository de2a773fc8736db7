package dev.empath.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void printsMachineReadableLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BenchReport report = new BenchReport(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    LatencyRecorder latencies = new LatencyRecorder();
    for (int i = 1; i <= 100; i++) {
      latencies.recordMillis(i);
    }

    report.metric("events_rate", 12_000, "events/s");
    report.ratio("emotion_vs_passthrough", 750, 1000);
    report.latencies("emotion_latency", latencies);

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.subList(0, 2))
        .containsExactly(
            "BENCH events_rate 12000 events/s", "BENCH emotion_vs_passthrough 0.7500 ratio");
    // HdrHistogram keeps 3 significant digits: values are exact to 0.1%.
    assertThat(value(lines.get(2), "emotion_latency_p50")).isCloseTo(50, within(0.1));
    assertThat(value(lines.get(3), "emotion_latency_p99")).isCloseTo(99, within(0.1));
    assertThat(value(lines.get(4), "emotion_latency_max")).isCloseTo(100, within(0.1));
  }

  private static double value(String line, String name) {
    String[] parts = line.split(" ");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("BENCH");
    assertThat(parts[1]).isEqualTo(name);
    assertThat(parts[3]).isEqualTo("ms");
    return Double.parseDouble(parts[2]);
  }

  @Test
  void refusesNamesParsersCannotRead() {
    assertThatThrownBy(() -> BenchReport.stdout().metric("Bad Name", 1, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
