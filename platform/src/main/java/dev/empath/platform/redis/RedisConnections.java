package dev.empath.platform.redis;

import dev.empath.platform.config.EmpathConfig;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.JedisURIHelper;

/** Opens the pooled Redis client every service uses, and the settings every connection shares. */
public final class RedisConnections {

  /**
   * Jedis' own default is 8 connections: a service with more concurrent requests than that queues
   * for a connection, which shows up as latency that is neither Redis's nor ours.
   */
  public static final int DEFAULT_POOL_SIZE = 64;

  private RedisConnections() {}

  /** The client of {@code redis.url}, TLS trusting {@code redis.ssl.truststore.*}. */
  public static RedisClient open(EmpathConfig config) {
    return open(config.redisUrl(), RedisTls.from(config), DEFAULT_POOL_SIZE);
  }

  /**
   * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS
   */
  public static RedisClient open(String url) {
    return open(url, RedisTls.JDK_DEFAULT, DEFAULT_POOL_SIZE);
  }

  /** A client whose pool holds up to {@code poolSize} connections. */
  public static RedisClient open(String url, int poolSize) {
    return open(url, RedisTls.JDK_DEFAULT, poolSize);
  }

  /** A client of {@code url} whose TLS connections trust {@code tls}. */
  public static RedisClient open(String url, RedisTls tls, int poolSize) {
    URI uri = uri(url);
    return RedisClient.builder()
        .hostAndPort(JedisURIHelper.getHostAndPort(uri))
        .clientConfig(clientConfig(uri, tls).build())
        .poolConfig(poolConfig(poolSize))
        .build();
  }

  /**
   * The settings of every connection to {@code uri}: user and password (an ACL user), database, TLS
   * for {@code rediss://} with host name verification; callers add their own (RESP2, a name).
   */
  public static DefaultJedisClientConfig.Builder clientConfig(URI uri, RedisTls tls) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri));
    if (JedisURIHelper.hasDbIndex(uri)) {
      config.database(JedisURIHelper.getDBIndex(uri));
    }
    RedisProtocol protocol = JedisURIHelper.getRedisProtocol(uri);
    if (protocol != null) {
      config.protocol(protocol);
    }
    if (JedisURIHelper.isRedisSSLScheme(uri)) {
      SSLParameters verifyHost = new SSLParameters();
      verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
      config.ssl(true).sslParameters(verifyHost);
      tls.socketFactory().ifPresent(config::sslSocketFactory);
    }
    return config;
  }

  /** {@code url} checked to be a Redis URL. */
  public static URI uri(String url) {
    URI uri = URI.create(url);
    if (uri.getHost() == null
        || uri.getScheme() == null
        || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))) {
      throw new IllegalArgumentException("not a Redis URL (redis://host:port): " + url);
    }
    return uri;
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
