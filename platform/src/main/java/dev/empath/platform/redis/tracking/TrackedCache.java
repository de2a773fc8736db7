package dev.empath.platform.redis.tracking;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.redis.RedisEndpoint;
import dev.empath.platform.redis.RedisTls;
import java.net.URI;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Values of Redis keys kept in memory and dropped the moment Redis reports that they changed:
 * server-assisted client-side caching (Redis 6+ {@code CLIENT TRACKING ... REDIRECT}).
 *
 * <p>Reads that miss go through a pool of connections with tracking switched on, so Redis remembers
 * which keys this process holds and, on any change, deletion, expiry or flush of one, sends its
 * name to a listener connection subscribed to {@code __redis__:invalidate}; the listener drops the
 * entry. A hit therefore costs no round trip and never blocks, which lets the HTTP event loop
 * answer it directly; a value is stale only for the time an invalidation takes to arrive.
 *
 * <p>Two races are closed explicitly. A load first puts a pending marker and replaces it with the
 * value only if the marker is still there, so an invalidation arriving while the read is in flight
 * (which removes the marker) keeps the possibly outdated value out. And while the listener is
 * disconnected no invalidation can arrive, so the cache is emptied, reads go straight to Redis
 * uncached, and caching resumes only once a new listener and a pool tracking towards it are in
 * place; a load that started before the outage is kept out by the generation check.
 *
 * <p>On a Redis Cluster the cache is off ({@link #uncached}): invalidations come from the node that
 * holds a key, so a cache would need a listener and a tracked pool per node, following failovers
 * and slot moves; every read goes to Redis instead, and a log line says so.
 */
public final class TrackedCache implements AutoCloseable, InvalidationListener.Handler {

  private static final Logger log = LoggerFactory.getLogger(TrackedCache.class);
  private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP2);

  private final HostAndPort hostAndPort;
  private final JedisClientConfig config;
  private final GenericObjectPoolConfig<Connection> poolConfig;
  private final UnifiedJedis direct;
  private final ConcurrentMap<String, Object> entries;
  private final AtomicLong generation = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private final InvalidationListener listener;
  private volatile ConnectionPool trackedPool;

  /**
   * @param direct client for reads while tracking is unavailable
   * @param maxEntries bound of the cache; the least used entries go first
   */
  public TrackedCache(
      HostAndPort hostAndPort,
      JedisClientConfig config,
      GenericObjectPoolConfig<Connection> poolConfig,
      UnifiedJedis direct,
      long maxEntries) {
    this.hostAndPort = hostAndPort;
    this.config = config;
    this.poolConfig = poolConfig;
    this.direct = direct;
    this.entries = Caffeine.newBuilder().maximumSize(maxEntries).<String, Object>build().asMap();
    this.listener =
        hostAndPort == null
            ? null
            : new InvalidationListener("redis-invalidation-listener", hostAndPort, config, this)
                .start();
  }

  /** A cache that keeps nothing: every load reads through {@code direct}. */
  public static TrackedCache uncached(UnifiedJedis direct) {
    return new TrackedCache(null, null, null, direct, 1);
  }

  /**
   * A cache of the Redis at {@code endpoint}, TLS connections trusting {@code tls}; {@link
   * #uncached} on a Redis Cluster, with a log line.
   *
   * @param direct client for reads while tracking is unavailable
   */
  public static TrackedCache connect(
      RedisEndpoint endpoint, RedisTls tls, UnifiedJedis direct, long maxEntries) {
    if (endpoint.isCluster()) {
      log.info(
          "client-side caching is off on a Redis Cluster: every read goes to Redis ({})",
          endpoint.describe());
      return uncached(direct);
    }
    return connect(endpoint.url().toString(), tls, direct, maxEntries);
  }

  /**
   * A cache of the Redis at {@code url} ({@code redis://[user:password@]host:port[/db]}), its
   * tracked reads through a pool of the platform's usual size.
   *
   * @param direct client for reads while tracking is unavailable
   */
  public static TrackedCache connect(String url, UnifiedJedis direct, long maxEntries) {
    return connect(url, RedisTls.JDK_DEFAULT, direct, maxEntries);
  }

  /** As {@link #connect(String, UnifiedJedis, long)}, TLS connections trusting {@code tls}. */
  public static TrackedCache connect(
      String url, RedisTls tls, UnifiedJedis direct, long maxEntries) {
    URI uri = RedisConnections.uri(url);
    return new TrackedCache(
        JedisURIHelper.getHostAndPort(uri),
        Tracking.resp2Config(uri, tls),
        RedisConnections.poolConfig(RedisConnections.DEFAULT_POOL_SIZE),
        direct,
        maxEntries);
  }

  /**
   * The cached value of {@code key}, or null when it is not cached. Never blocks.
   *
   * @param <V> what the loader that cached it decoded the key into
   */
  @SuppressWarnings("unchecked")
  public <V> V peek(String key) {
    if (entries.get(key) instanceof Cached cached) {
      hits.increment();
      return (V) cached.value();
    }
    return null;
  }

  /**
   * Reads the string {@code key} from Redis (blocking), decodes it and caches the decoded value.
   *
   * @param decode turns the stored string, or null for a missing key, into the value to cache
   */
  public <V> V load(String key, Function<String, V> decode) {
    return load(key, COMMANDS.get(key), decode);
  }

  /**
   * Runs {@code read}, a read-only command on {@code key} and no other key, in Redis (blocking),
   * decodes its reply and caches the decoded value under {@code key}. Redis tracks the key whatever
   * its type, so any change to it drops the entry.
   *
   * @param decode turns the reply (null for a missing string key) into the value to cache
   */
  public <T, V> V load(String key, CommandObject<T> read, Function<T, V> decode) {
    misses.increment();
    long loadGeneration = generation.get();
    ConnectionPool pool = trackedPool;
    if (pool == null) {
      return decode.apply(direct.executeCommand(read));
    }
    Pending pending = new Pending();
    boolean mine = entries.putIfAbsent(key, pending) == null;
    T raw;
    try (Connection connection = pool.getResource()) {
      raw = connection.executeCommand(read);
    } catch (RuntimeException e) {
      if (mine) {
        entries.remove(key, pending);
      }
      if (trackedPool != pool) {
        // the pool was replaced under us: read uncached
        return decode.apply(direct.executeCommand(read));
      }
      throw e;
    }
    V value = decode.apply(raw);
    if (mine) {
      if (generation.get() == loadGeneration) {
        entries.replace(key, pending, new Cached(value));
      } else {
        entries.remove(key, pending);
      }
    }
    return value;
  }

  /** True while invalidations are being received, i.e. while loads are cached. */
  public boolean tracking() {
    return trackedPool != null;
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public long invalidations() {
    return invalidations.sum();
  }

  public long size() {
    return entries.size();
  }

  @Override
  public void subscribed(long clientId) {
    startTracking(clientId);
  }

  @Override
  public void disconnected(RuntimeException cause) {
    stopTracking();
  }

  @Override
  public void flushed() {
    invalidations.increment();
    entries.clear(); // FLUSHALL / FLUSHDB: every key may have changed
  }

  @Override
  public void invalidated(String key) {
    invalidations.increment();
    entries.remove(key);
  }

  private void startTracking(long clientId) {
    ConnectionPool pool =
        new ConnectionPool(
            new TrackingConnectionFactory(hostAndPort, config, clientId), poolConfig);
    // One connection now, so a server that refuses tracking (before Redis 6, or an ACL without
    // CLIENT TRACKING) fails here and reads stay uncached, rather than failing every request.
    try {
      pool.getResource().close();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    trackedPool = pool;
    log.info("caching Redis reads, invalidations to client {}", clientId);
  }

  private void stopTracking() {
    ConnectionPool pool = trackedPool;
    trackedPool = null;
    generation.incrementAndGet();
    entries.clear();
    if (pool != null) {
      pool.close();
    }
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    stopTracking();
  }

  /** A loaded value (possibly representing a missing key). */
  private record Cached(Object value) {}

  /** Marks a load in flight; identity matters, so not a record. */
  private static final class Pending {}
}
