package dev.empath.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Runs against REDIS_URL when set, else a child redis-server. */
class RedisExtensionIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void sharedClientTalksToTheServer() {
    String key = redis.uniqueName("shared");
    redis.client().set(key, "v");
    assertThat(redis.client().get(key)).isEqualTo("v");
  }

  @Test
  void newClientIsOwnedByTheCaller() {
    String key = redis.uniqueName("owned");
    try (RedisClient client = redis.newClient()) {
      client.hset(key, "field", "value");
      assertThat(redis.client().hget(key, "field")).isEqualTo("value");
    }
  }
}
