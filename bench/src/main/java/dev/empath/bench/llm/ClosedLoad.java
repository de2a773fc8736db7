package dev.empath.bench.llm;

import dev.empath.bench.harness.LatencyRecorder;
import dev.empath.bench.harness.ThreadCpu;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Keeps a fixed number of calls in flight for a while (a closed loop: a finished call makes room
 * for the next), and measures what came back.
 *
 * <p>The first {@code concurrency} calls are started evenly over {@link #RAMP_NANOS} (the
 * provider's delay), not at once: started together, the slots of a closed loop come back together,
 * call after call, and every burst of them queues behind itself — a benchmark artefact that a
 * request stream at the same rate, arriving spread out, does not have.
 */
final class ClosedLoad {

  /** What one run measured. */
  record Outcome(long counted, long other, double seconds, long heapBytes, long cpuNanos) {
    double perSecond() {
      return counted / seconds;
    }

    /** Process CPU time per counted call: independent of how busy the rest of the machine is. */
    double cpuMillisPerCall() {
      return counted == 0 ? 0 : cpuNanos / 1e6 / counted;
    }
  }

  static final long RAMP_NANOS = LlmWorkerBenchmark.PROVIDER_DELAY_NANOS;

  private ClosedLoad() {}

  /**
   * @param call starts call number {@code n}; its future says whether it counts (an offline
   *     fallback or a failure does not)
   * @param latency records each counted call's latency minus {@code subtractNanos}; may be null
   * @param sampleHeap whether to measure the live heap halfway through, with every slot taken
   */
  static Outcome run(
      int concurrency,
      int seconds,
      LongFunction<CompletableFuture<Boolean>> call,
      LatencyRecorder latency,
      long subtractNanos,
      boolean sampleHeap)
      throws InterruptedException {
    Semaphore slots = new Semaphore(concurrency);
    AtomicLong counted = new AtomicLong();
    AtomicLong other = new AtomicLong();
    long heap = 0;
    long cpuStart = ThreadCpu.processCpuNanos();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long heapAt = start + TimeUnit.SECONDS.toNanos(seconds) / 2;
    for (long n = 0; System.nanoTime() < end; n++) {
      if (n < concurrency) {
        LockSupport.parkNanos(start + RAMP_NANOS * n / concurrency - System.nanoTime());
      }
      slots.acquire();
      long t0 = System.nanoTime();
      call.apply(n)
          .whenComplete(
              (counts, e) -> {
                slots.release();
                if (Boolean.TRUE.equals(counts)) {
                  counted.incrementAndGet();
                  if (latency != null) {
                    latency.recordNanos(Math.max(0, System.nanoTime() - t0 - subtractNanos));
                  }
                } else {
                  other.incrementAndGet();
                }
              });
      if (sampleHeap && heap == 0 && System.nanoTime() > heapAt) {
        System.gc(); // live heap with every slot taken, not garbage awaiting collection
        heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      }
    }
    slots.acquire(concurrency);
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Outcome(
        counted.get(), other.get(), elapsed, heap, ThreadCpu.processCpuNanos() - cpuStart);
  }
}
