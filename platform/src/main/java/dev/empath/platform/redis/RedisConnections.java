package dev.empath.platform.redis;

import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Opens the pooled Redis client every service uses, a {@link RedisClient} for one node or a {@link
 * RedisClusterClient} for a Redis Cluster (both a {@link UnifiedJedis} to their callers), and the
 * settings every connection shares.
 */
public final class RedisConnections {

  private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

  /**
   * Jedis' own default is 8 connections: a service with more concurrent requests than that queues
   * for a connection, which shows up as latency that is neither Redis's nor ours.
   */
  public static final int DEFAULT_POOL_SIZE = 64;

  private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(1);

  private RedisConnections() {}

  /** Where {@code config} says Redis is ({@code redis.url}, {@code redis.cluster.nodes}). */
  public static RedisEndpoint endpoint(EmpathConfig config) {
    String url = config.redisUrl();
    List<String> nodes = config.get(PlatformConfigKeys.REDIS_CLUSTER_NODES);
    try {
      return RedisEndpoint.parse(url, nodes);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "bad Redis setting (redis.url="
              + url
              + ", redis.cluster.nodes="
              + nodes
              + "): "
              + e.getMessage());
    }
  }

  /**
   * The client for the Redis {@code config} names, one node or a cluster, TLS trusting {@code
   * redis.ssl.truststore.*}.
   */
  public static UnifiedJedis open(EmpathConfig config) {
    return open(endpoint(config), RedisTls.from(config), DEFAULT_POOL_SIZE);
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

  /**
   * A client of {@code endpoint}; on a cluster the pool size is per node.
   *
   * @param urlOrCluster any URL {@link RedisEndpoint#parse} takes
   */
  public static UnifiedJedis openAny(String urlOrCluster) {
    return open(RedisEndpoint.parse(urlOrCluster, List.of()), DEFAULT_POOL_SIZE);
  }

  /**
   * A client of {@code endpoint} trusting the JDK's CAs; on a cluster the pool size is per node.
   */
  public static UnifiedJedis open(RedisEndpoint endpoint, int poolSize) {
    return open(endpoint, RedisTls.JDK_DEFAULT, poolSize);
  }

  /** A client of {@code endpoint}; on a cluster the pool size is per node. */
  public static UnifiedJedis open(RedisEndpoint endpoint, RedisTls tls, int poolSize) {
    if (!endpoint.isCluster()) {
      return open(endpoint.url().toString(), tls, poolSize);
    }
    log.info("using the {}", endpoint.describe());
    return RedisClusterClient.builder()
        .nodes(endpoint.clusterNodeSet())
        .clientConfig(endpoint.clientConfig(tls))
        .poolConfig(poolConfig(poolSize))
        // Slots move with a failover; a pipeline follows only the map it was given.
        .topologyRefreshPeriod(TOPOLOGY_REFRESH)
        .build();
  }

  /** Whether {@code redis} talks to a Redis Cluster. */
  public static boolean isCluster(UnifiedJedis redis) {
    return redis instanceof RedisClusterClient;
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
