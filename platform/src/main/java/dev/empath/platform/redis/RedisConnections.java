package dev.empath.platform.redis;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

/** Opens the pooled Redis client every service uses. */
public final class RedisConnections {

  /**
   * Jedis' own default is 8 connections: a service with more concurrent requests than that queues
   * for a connection, which shows up as latency that is neither Redis's nor ours.
   */
  public static final int DEFAULT_POOL_SIZE = 64;

  private RedisConnections() {}

  /**
   * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS
   */
  public static RedisClient open(String url) {
    return open(url, DEFAULT_POOL_SIZE);
  }

  /** A client whose pool holds up to {@code poolSize} connections. */
  public static RedisClient open(String url, int poolSize) {
    URI uri = URI.create(url);
    if (uri.getHost() == null
        || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))) {
      throw new IllegalArgumentException("not a Redis URL (redis://host:port): " + url);
    }
    return RedisClient.builder().fromURI(uri).poolConfig(poolConfig(poolSize)).build();
  }

  /** The pool settings of every client: up to {@code poolSize} connections, bounded waits. */
  public static ConnectionPoolConfig poolConfig(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("Redis pool size must be >= 1, was " + poolSize);
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMinIdle(Math.min(2, poolSize));
    // Fail a borrow that waits this long instead of hanging a request forever.
    pool.setMaxWait(Duration.ofSeconds(5));
    return pool;
  }
}
