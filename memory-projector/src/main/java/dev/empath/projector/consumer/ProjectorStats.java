package dev.empath.projector.consumer;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running projector, safe to read from any thread (tests, metrics, benchmarks). */
public final class ProjectorStats {

  final AtomicLong projected = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong commits = new AtomicLong();
  final AtomicLong failedAttempts = new AtomicLong();
  final AtomicLong lostOffsets = new AtomicLong();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong switches = new AtomicLong();
  volatile boolean paused;

  /** Events whose writes were committed. */
  public long projected() {
    return projected.get();
  }

  /** Records at or below the stored offset, not applied again. */
  public long skipped() {
    return skipped.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  /** Successful script calls (one per partition and poll, or per record unpipelined). */
  public long commits() {
    return commits.get();
  }

  /** Redis calls that failed and were retried or left pending. */
  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Times Redis had lost a partition's offsets and the partition was replayed from the start. */
  public long lostOffsets() {
    return lostOffsets.get();
  }

  public long conflicts() {
    return conflicts.get();
  }

  /** Moves to another active keyspace version. */
  public long switches() {
    return switches.get();
  }

  /** True while consumption is paused because Redis is failing. */
  public boolean paused() {
    return paused;
  }
}
