package dev.empath.llm.cache;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import dev.empath.platform.redis.RedisTls;
import dev.empath.platform.redis.tracking.InvalidationListener;
import dev.empath.platform.redis.tracking.Tracking;
import dev.empath.platform.threads.DaemonThreads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Which response-cache keys may exist in Redis, known in the worker, so that a request whose key
 * surely does not exist — nearly every request with a new prompt — needs no Redis read to learn it.
 *
 * <p>How it stays complete: Redis broadcasts the name of every key under the cache prefix that any
 * client writes, and of every one that expires ({@code CLIENT TRACKING ON BCAST PREFIX}, to this
 * index's own subscribed connection), and each name goes into a Bloom filter; on connecting, a
 * {@code SCAN} of the prefix adds the keys written before. Only while both hold — subscribed, scan
 * finished — does the index answer "surely absent"; otherwise, and for keys it may hold, the caller
 * reads Redis as it would without the index. A wrong "may exist" (about 1% at the sized capacity)
 * costs that read; a wrong "absent" cannot happen, short of an invalidation still in flight, the
 * same race as a read an instant before another replica's write.
 *
 * <p>A Bloom filter cannot forget, so there are two, and every cache TTL the older is dropped: an
 * existing key was written (and announced) less than one TTL ago, so one of the two has it.
 */
public final class CacheKeyIndex implements InvalidationListener.Handler, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CacheKeyIndex.class);
  private static final int SCAN_COUNT = 1_000;
  private static final long PROGRESS_EVERY = 100_000;

  private final UnifiedJedis redis;
  private final long expectedKeys;
  private final long rotateEveryMs;
  private final Clock clock;
  private final InvalidationListener listener;
  private final AtomicLong connection = new AtomicLong(); // bumped by every (dis)connect
  private final LongAdder skippedReads = new LongAdder();
  private volatile Filters filters;
  private volatile long completeFor = -1; // the connection whose scan finished

  /** Two generations of names; replaced whole, so readers see a consistent pair. */
  private record Filters(
      BloomFilter<CharSequence> current, BloomFilter<CharSequence> previous, long since) {}

  private CacheKeyIndex(
      String url, RedisTls tls, UnifiedJedis redis, long expectedKeys, Duration ttl, Clock c) {
    this.redis = redis;
    this.expectedKeys = expectedKeys;
    this.rotateEveryMs = Math.max(1, ttl.toMillis());
    this.clock = c;
    this.filters = new Filters(newFilter(), newFilter(), c.millis());
    URI uri = URI.create(url);
    this.listener =
        new InvalidationListener(
            "cache-key-index",
            JedisURIHelper.getHostAndPort(uri),
            Tracking.resp2Config(uri, tls),
            this);
  }

  /**
   * An index of the cache keys in the Redis at {@code url}, sized for {@code expectedKeys} keys
   * written per {@code ttl}; {@code redis} runs the scans.
   */
  public static CacheKeyIndex start(
      String url, UnifiedJedis redis, long expectedKeys, Duration ttl) {
    return start(url, RedisTls.JDK_DEFAULT, redis, expectedKeys, ttl);
  }

  /** As {@link #start(String, UnifiedJedis, long, Duration)}, TLS trusting {@code tls}. */
  public static CacheKeyIndex start(
      String url, RedisTls tls, UnifiedJedis redis, long expectedKeys, Duration ttl) {
    CacheKeyIndex index = new CacheKeyIndex(url, tls, redis, expectedKeys, ttl, Clock.systemUTC());
    index.listener.start();
    return index;
  }

  /** False only if the key surely does not exist in Redis now. Never blocks. */
  public boolean mayExist(String key) {
    if (completeFor != connection.get()) {
      return true;
    }
    Filters f = rotated();
    if (f.current().mightContain(key) || f.previous().mightContain(key)) {
      return true;
    }
    skippedReads.increment();
    return false;
  }

  /** True while "surely absent" answers are given: subscribed, and the keys before it scanned. */
  public boolean complete() {
    return completeFor == connection.get();
  }

  /** Reads of Redis saved: keys answered "surely absent". */
  public long skippedReads() {
    return skippedReads.sum();
  }

  @Override
  public void connected(Connection c, long clientId) {
    connection.incrementAndGet(); // nothing is complete until this connection's scan is
    // Redis tells this very connection of every change under the prefix, by whichever client.
    Tracking.enable(c, clientId, "BCAST", "PREFIX", ResponseCache.PREFIX);
  }

  @Override
  public void subscribed(long clientId) {
    long subscribed = connection.get();
    DaemonThreads.named("cache-key-index-scan").newThread(() -> scan(subscribed)).start();
  }

  /** Adds every existing cache key; marks the index complete if the connection held throughout. */
  private void scan(long forConnection) {
    long started = System.nanoTime();
    long keys = 0;
    ScanParams params = new ScanParams().match(ResponseCache.PREFIX + "*").count(SCAN_COUNT);
    String cursor = ScanParams.SCAN_POINTER_START;
    try {
      do {
        if (connection.get() != forConnection) {
          return; // a newer connection scans again
        }
        ScanResult<String> page = redis.scan(cursor, params);
        for (String key : page.getResult()) {
          add(key);
        }
        keys += page.getResult().size();
        cursor = page.getCursor();
        if (keys / PROGRESS_EVERY != (keys - page.getResult().size()) / PROGRESS_EVERY) {
          log.info("response cache index: {} keys scanned so far", keys);
        }
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    } catch (RuntimeException e) {
      // Stays incomplete: every lookup reads Redis, as without the index, until a reconnect.
      log.warn("scanning the response cache's keys failed; cache reads all go to Redis: {}", e);
      return;
    }
    if (connection.get() == forConnection) {
      completeFor = forConnection;
      log.info(
          "response cache index complete: {} keys scanned in {} ms",
          keys,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  @Override
  public void invalidated(String key) {
    add(key); // written or gone: either way it "may exist" until it falls out with its generation
  }

  @Override
  public void flushed() {
    filters = new Filters(newFilter(), newFilter(), clock.millis()); // no key survives a flush
  }

  @Override
  public void disconnected(RuntimeException cause) {
    connection.incrementAndGet();
  }

  /** Adds a key that exists, or is about to: this worker is writing it. */
  public void add(String key) {
    rotated().current().put(key);
  }

  private Filters rotated() {
    Filters f = filters;
    long now = clock.millis();
    if (now - f.since() < rotateEveryMs) {
      return f;
    }
    synchronized (this) {
      if (filters == f) {
        filters = new Filters(newFilter(), f.current(), now);
      }
      return filters;
    }
  }

  private BloomFilter<CharSequence> newFilter() {
    return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), expectedKeys, 0.01);
  }

  @Override
  public void close() {
    listener.close();
    connection.incrementAndGet();
  }
}
