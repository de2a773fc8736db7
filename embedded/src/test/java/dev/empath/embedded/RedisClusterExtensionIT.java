package dev.empath.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.RedisClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisClusterExtensionIT {

  @RegisterExtension static final RedisClusterExtension redis = new RedisClusterExtension();

  @Test
  void spreadsKeysOverThreePrimariesAndSurvivesAPrimaryKilled() {
    RedisClusterClient client = redis.client();
    for (int i = 0; i < 300; i++) {
      client.set("k" + i, "v" + i);
    }
    // Every primary holds a third of the slots and some of the keys.
    for (EmbeddedRedis primary : redis.cluster().primaries()) {
      try (Jedis j = new Jedis(primary.host(), primary.port())) {
        assertThat(j.dbSize()).isPositive();
        assertThat(j.info("replication")).contains("role:master").contains("connected_slaves:1");
      }
    }
    // Wait until the replica of the first primary has its keys, then kill that primary.
    EmbeddedRedis victim = redis.cluster().primaries().get(0);
    EmbeddedRedis replica = redis.cluster().replicas().get(0);
    long victimKeys;
    try (Jedis j = new Jedis(victim.host(), victim.port())) {
      victimKeys = j.dbSize();
    }
    try (Jedis r = new Jedis(replica.host(), replica.port())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> r.dbSize() == victimKeys);
    }
    victim.kill();

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (Jedis r = new Jedis(replica.host(), replica.port())) {
                assertThat(r.info("replication")).contains("role:master");
              }
            });
    redis.cluster().awaitHealthy();
    client.refreshClusterTopology();
    for (int i = 0; i < 300; i++) {
      assertThat(client.get("k" + i)).isEqualTo("v" + i);
    }
    assertThat(JedisClusterCRC16.getSlot("{g:1}:a"))
        .isEqualTo(JedisClusterCRC16.getSlot("{g:1}:b"));
  }
}
