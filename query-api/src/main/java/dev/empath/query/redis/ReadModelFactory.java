package dev.empath.query.redis;

import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.redis.RedisEndpoint;
import dev.empath.platform.redis.RedisTls;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.keys.ActiveVersion;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Arrays;
import redis.clients.jedis.UnifiedJedis;

/** The Redis connection pool and the read-model readers over it. */
@Factory
public class ReadModelFactory {

  /**
   * One node or a Redis Cluster ({@code redis.cluster.nodes} or a {@code redis-cluster://} URL).
   * {@code REDIS_URL} in the environment maps to {@code redis.url}.
   */
  @Singleton
  public RedisEndpoint redisEndpoint(
      @Value("${redis.url:`redis://localhost:6379`}") String url,
      @Value("${redis.cluster.nodes:}") String clusterNodes) {
    return RedisEndpoint.parse(
        url,
        Arrays.stream(clusterNodes.split(","))
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .toList());
  }

  @Singleton
  @Bean(preDestroy = "close")
  public UnifiedJedis redisClient(RedisEndpoint endpoint, RedisTls tls) {
    return RedisConnections.open(endpoint, tls, RedisConnections.DEFAULT_POOL_SIZE);
  }

  /** The CA a {@code rediss://} URL is checked against: {@code redis.ssl.truststore.*}. */
  @Singleton
  public RedisTls redisTls(
      @Value("${redis.ssl.truststore.location:}") String location,
      @Value("${redis.ssl.truststore.password:}") String password,
      @Value("${redis.ssl.truststore.type:PKCS12}") String type) {
    return RedisTls.of(location, password, type);
  }

  /**
   * Readers following the active keyspace version; a rebuild's switch-over is seen within the cache
   * time.
   */
  @Singleton
  public ReadModel readModel(
      UnifiedJedis redis,
      @Value("${empath.read-model.version-cache-ms:" + ReadModel.DEFAULT_VERSION_CACHE_MS + "}")
          long versionCacheMs) {
    return new ReadModel(redis, new ActiveVersion(redis, versionCacheMs));
  }
}
