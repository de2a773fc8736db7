package dev.empath.query.cache;

import dev.empath.platform.redis.RedisEndpoint;
import dev.empath.platform.redis.RedisTls;
import dev.empath.platform.redis.tracking.TrackedCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import redis.clients.jedis.UnifiedJedis;

/** The tracked cache of hot read-model keys, and its figures for Prometheus. */
@Factory
public class TrackedCacheFactory {

  @Singleton
  @Bean(preDestroy = "close")
  public TrackedCache trackedCache(
      RedisEndpoint endpoint,
      @Value("${empath.read-model.cache.max-entries:100000}") long maxEntries,
      UnifiedJedis direct,
      RedisTls tls) {
    return TrackedCache.connect(endpoint, tls, direct, maxEntries);
  }

  @Singleton
  public MeterBinder trackedCacheMetrics(TrackedCache cache) {
    return registry -> {
      FunctionCounter.builder("empath.query.cache.hits", cache, TrackedCache::hits)
          .description("read-model reads answered from memory")
          .register(registry);
      FunctionCounter.builder("empath.query.cache.misses", cache, TrackedCache::misses)
          .description("read-model reads that went to Redis")
          .register(registry);
      FunctionCounter.builder(
              "empath.query.cache.invalidations", cache, TrackedCache::invalidations)
          .description("invalidations received from Redis")
          .register(registry);
      Gauge.builder("empath.query.cache.size", cache, TrackedCache::size).register(registry);
      Gauge.builder("empath.query.cache.tracking", cache, c -> c.tracking() ? 1 : 0)
          .description("1 while invalidations are received and reads are cached")
          .register(registry);
    };
  }
}
