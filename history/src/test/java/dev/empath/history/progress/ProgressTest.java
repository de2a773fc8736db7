package dev.empath.history.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final AtomicLong clock = new AtomicLong();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void plainLinesSayDoneOfTotalRateAndTimeLeftAtMostOncePerInterval() {
    Progress progress =
        new Progress("reading", 1_000, out, false, clock::get, Duration.ofSeconds(5));
    clock.set(1_000_000_000L);
    progress.advance(100); // within the interval: nothing printed
    clock.set(5_000_000_000L);
    progress.advance(150); // 250 in 5 s = 50/s, 750 left = 15 s
    clock.set(10_000_000_000L);
    progress.advance(750);
    progress.finish();
    progress.finish();

    assertThat(text().lines().toList())
        .containsExactly(
            "reading: 250 / 1,000 records (25%), 50/s, 15 s left",
            "reading: 1,000 / 1,000 records (100%), 100/s",
            "reading: 1,000 records in 10 s (100/s)");
  }

  @Test
  void onATerminalOneLineIsRewrittenInPlaceAndUnknownTotalsShowACount() {
    Progress progress = new Progress("folding", 0, out, true, clock::get, Duration.ZERO);
    clock.set(2_000_000_000L);
    progress.advance(30_000);
    progress.finish();

    assertThat(text())
        .isEqualTo(
            "\r\u001b[2Kfolding: 30,000 records, 15k/s"
                + "\r\u001b[2Kfolding: 30,000 records in 2.0 s (15k/s)"
                + System.lineSeparator());
  }

  @Test
  void durationsReadNaturally() {
    assertThat(Progress.duration(2_500_000_000L)).isEqualTo("2.5 s");
    assertThat(Progress.duration(42_000_000_000L)).isEqualTo("42 s");
    assertThat(Progress.duration(125_000_000_000L)).isEqualTo("2 min 05 s");
    assertThat(Progress.duration(7_380_000_000_000L)).isEqualTo("2 h 03 min");
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
