package dev.empath.bench.harness;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe latency recording in nanoseconds (HdrHistogram, 3 significant digits, up to one
 * minute), so percentiles are exact to 0.1% without keeping every sample.
 */
public final class LatencyRecorder {

  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Recorder recorder = new Recorder(MAX_NANOS, 3);
  private final Histogram total = new Histogram(MAX_NANOS, 3);

  public void recordNanos(long nanos) {
    recorder.recordValue(Math.min(Math.max(nanos, 0), MAX_NANOS));
  }

  public void recordMillis(long millis) {
    recordNanos(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** Everything recorded so far. */
  public synchronized Histogram snapshot() {
    total.add(recorder.getIntervalHistogram());
    return total.copy();
  }

  public long count() {
    return snapshot().getTotalCount();
  }

  public double percentileMillis(double percentile) {
    return snapshot().getValueAtPercentile(percentile) / 1e6;
  }

  public double maxMillis() {
    return snapshot().getMaxValue() / 1e6;
  }
}
