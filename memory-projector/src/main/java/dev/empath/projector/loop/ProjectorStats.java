package dev.empath.projector.loop;

import dev.empath.projector.decode.RecordDecoder;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running projector, safe to read from any thread (tests, metrics, benchmarks). */
public final class ProjectorStats {

  private final RecordDecoder decoder;
  final AtomicLong projected = new AtomicLong();
  final AtomicLong commits = new AtomicLong();
  final AtomicLong failedAttempts = new AtomicLong();
  final AtomicLong lostOffsets = new AtomicLong();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong switches = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  volatile boolean paused;

  ProjectorStats(RecordDecoder decoder) {
    this.decoder = decoder;
  }

  /** Events whose writes were committed. */
  public long projected() {
    return projected.get();
  }

  /** Records at or below the stored offset, not applied again. */
  public long skipped() {
    return decoder.skipped();
  }

  public long deadLettered() {
    return decoder.deadLettered();
  }

  /** Successful script calls (one per partition and poll). */
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
