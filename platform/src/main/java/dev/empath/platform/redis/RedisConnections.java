package dev.empath.platform.redis;

import java.net.URI;
import redis.clients.jedis.RedisClient;

/** Opens the pooled Redis client every service uses. */
public final class RedisConnections {

  private RedisConnections() {}

  /**
   * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS
   */
  public static RedisClient open(String url) {
    URI uri = URI.create(url);
    if (uri.getHost() == null
        || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))) {
      throw new IllegalArgumentException("not a Redis URL (redis://host:port): " + url);
    }
    return RedisClient.create(uri);
  }
}
