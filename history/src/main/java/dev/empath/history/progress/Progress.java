package dev.empath.history.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a bounded piece of work: records done of total, rate and time left. On a terminal one
 * line is rewritten in place; elsewhere (a pipe, a CI log) a plain line is printed every few
 * seconds. Either way a last line says what was done and how fast.
 */
public final class Progress {

  /** A progress that prints nothing, for callers that report in their own way. */
  public static Progress silent() {
    return new Progress("", 0, null, false, System::nanoTime, Duration.ZERO);
  }

  private final String label;
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanos;
  private final long intervalNanos;
  private final long startNanos;
  private long total;
  private long done;
  private long lastPrintNanos;
  private boolean finished;

  /**
   * @param label what is being done ("reading empath.behavior.v1")
   * @param total records expected; 0 when unknown
   * @param out where to print; {@code null} prints nothing
   * @param terminal rewrite one line in place instead of printing lines
   * @param nanos monotonic clock (tests pass a fake one)
   * @param interval least time between two printed updates
   */
  public Progress(
      String label,
      long total,
      PrintStream out,
      boolean terminal,
      LongSupplier nanos,
      Duration interval) {
    this.label = label;
    this.total = total;
    this.out = out;
    this.terminal = terminal;
    this.nanos = nanos;
    this.intervalNanos = interval.toNanos();
    this.startNanos = nanos.getAsLong();
    this.lastPrintNanos = startNanos;
  }

  /** Progress on standard error: in place on a terminal, else a line every 5 s. */
  public static Progress onStderr(String label, long total) {
    boolean terminal = System.console() != null;
    return new Progress(
        label,
        total,
        System.err,
        terminal,
        System::nanoTime,
        terminal ? Duration.ofMillis(200) : Duration.ofSeconds(5));
  }

  public void total(long newTotal) {
    this.total = newTotal;
  }

  /** Adds {@code n} records done; prints when the interval has passed. */
  public void advance(long n) {
    done += n;
    long now = nanos.getAsLong();
    if (out != null && now - lastPrintNanos >= intervalNanos) {
      lastPrintNanos = now;
      print(line(now), false);
    }
  }

  public long done() {
    return done;
  }

  /** Prints the last line, once. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (out != null) {
      long now = nanos.getAsLong();
      print(
          String.format(
              Locale.ROOT,
              "%s: %,d records in %s (%s/s)",
              label,
              done,
              duration(now - startNanos),
              count(rate(now))),
          true);
    }
  }

  /** The current progress line (what {@link #advance} prints). */
  String line(long now) {
    double rate = rate(now);
    StringBuilder s = new StringBuilder(label).append(": ");
    if (total > 0) {
      s.append(
          String.format(Locale.ROOT, "%,d / %,d records (%d%%)", done, total, done * 100 / total));
    } else {
      s.append(String.format(Locale.ROOT, "%,d records", done));
    }
    s.append(", ").append(count(rate)).append("/s");
    if (total > 0 && rate > 0 && done < total) {
      s.append(", ").append(duration((long) ((total - done) / rate * 1e9))).append(" left");
    }
    return s.toString();
  }

  private double rate(long now) {
    double seconds = (now - startNanos) / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  private void print(String line, boolean last) {
    if (terminal) {
      out.print("\r\u001b[2K" + line + (last ? System.lineSeparator() : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  static String count(double n) {
    if (n >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
    if (n >= 1e4) {
      return String.format(Locale.ROOT, "%.0fk", n / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", n);
  }

  static String duration(long nanos) {
    long s = Math.round(nanos / 1e9);
    if (nanos < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
