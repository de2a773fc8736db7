package dev.empath.llm.budget;

import dev.empath.platform.threads.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sends writes that a result does not wait for — cache entries and usage figures — from a
 * background thread, every {@code interval}, all sources in one pipeline: one round trip per
 * interval instead of two per request, and none on the request path.
 *
 * <p>The price: what is held when the process dies (at most one interval's worth) is lost — a cache
 * entry costs a provider call later, a usage delta is missing from the figures. A failed flush is
 * dropped too, not retried, since some of its commands may have been applied.
 */
public final class WriteBehind implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

  private final UnifiedJedis redis;
  private final List<WriteBehindSource> sources;
  private final ScheduledExecutorService timer;

  public WriteBehind(UnifiedJedis redis, List<WriteBehindSource> sources, Duration interval) {
    this.redis = redis;
    this.sources = List.copyOf(sources);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("llm-deferred-writes"));
    long ms = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Sends everything held now; returns the number of commands sent. */
  public synchronized int flush() {
    if (sources.stream().noneMatch(WriteBehindSource::holdsWrites)) {
      return 0;
    }
    try (AbstractPipeline pipeline = redis.pipelined()) {
      int commands = 0;
      for (WriteBehindSource source : sources) {
        commands += source.drainTo(pipeline);
      }
      if (commands > 0) {
        pipeline.sync();
      }
      return commands;
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("deferred Redis writes lost: {}", e.toString());
    }
  }

  /** Stops the timer and sends what is still held. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }
}
