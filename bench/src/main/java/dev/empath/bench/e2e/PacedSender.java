package dev.empath.bench.e2e;

import dev.empath.bench.e2e.LoadPlan.PlannedRecord;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a plan's records at the pace of their event times, asynchronously, as a game fleet
 * publishes. The schedule starts when the first record goes out: if building the plan took longer
 * than its lead time, payload event times are that much older than their sends (reported as the
 * start delay) instead of the overdue records going out in one burst. A generator that falls behind
 * its schedule reports by how much, so a slow generator is not mistaken for a slow pipeline.
 */
final class PacedSender {

  /** What one step's sending achieved. */
  record Sent(long records, long elapsedNanos, long maxBehindMs, long startDelayMs, long failed) {

    double ratePerSecond() {
      return records * 1e9 / Math.max(1, elapsedNanos);
    }
  }

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  PacedSender(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Blocks until every record was handed to the producer and acknowledged. */
  Sent send(LoadPlan plan) {
    AtomicLong failed = new AtomicLong();
    if (plan.records().isEmpty()) {
      return new Sent(0, 1, 0, 0, 0);
    }
    long firstEventMs = plan.records().get(0).timestampMs();
    long lead = firstEventMs - System.currentTimeMillis();
    if (lead > 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(lead)); // the step starts on the clock
    }
    long startDelayMs = Math.max(0, System.currentTimeMillis() - firstEventMs);
    long start = System.nanoTime();
    long maxBehindNanos = 0;
    for (PlannedRecord r : plan.records()) {
      long due = start + TimeUnit.MILLISECONDS.toNanos(r.timestampMs() - firstEventMs);
      long now = System.nanoTime();
      if (due > now) {
        // Pacing a live feed to the clock, not waiting for state.
        LockSupport.parkNanos(due - now);
      } else {
        maxBehindNanos = Math.max(maxBehindNanos, now - due);
      }
      producer.send(
          new ProducerRecord<>(topic, null, r.timestampMs(), r.key(), r.value()),
          (metadata, error) -> {
            if (error != null) {
              failed.incrementAndGet();
            }
          });
    }
    producer.flush();
    return new Sent(
        plan.size(),
        System.nanoTime() - start,
        TimeUnit.NANOSECONDS.toMillis(maxBehindNanos),
        startDelayMs,
        failed.get());
  }
}
