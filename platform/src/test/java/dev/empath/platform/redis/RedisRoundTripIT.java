package dev.empath.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.embedded.junit.RedisExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

class RedisRoundTripIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void writesAndReadsBackThroughTheRealServer() {
    String key = redis.uniqueName("round-trip");
    try (RedisClient client = RedisConnections.open(redis.uri())) {
      client.hset(key, "dominant", "joy");
      client.zadd(key + ":timeline", 2, "b");
      client.zadd(key + ":timeline", 1, "a");

      assertThat(client.hget(key, "dominant")).isEqualTo("joy");
      assertThat(client.zrange(key + ":timeline", 0, -1)).containsExactly("a", "b");
      Object applied =
          client.eval(
              "if redis.call('SETNX', KEYS[1], ARGV[1]) == 1 then return 1 else return 0 end",
              List.of(key + ":once"),
              List.of("x"));
      Object again =
          client.eval(
              "if redis.call('SETNX', KEYS[1], ARGV[1]) == 1 then return 1 else return 0 end",
              List.of(key + ":once"),
              List.of("y"));
      assertThat(applied).isEqualTo(1L);
      assertThat(again).isEqualTo(0L);
    }
  }

  @Test
  void poolServesAsManyConcurrentCallersAsItsSize() throws Exception {
    String key = redis.uniqueName("pool");
    try (RedisClient client = RedisConnections.open(redis.uri(), 16)) {
      var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
      try {
        var futures = new java.util.ArrayList<java.util.concurrent.Future<Long>>();
        for (int i = 0; i < 160; i++) {
          futures.add(pool.submit(() -> client.incr(key)));
        }
        for (var f : futures) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(client.get(key)).isEqualTo("160");
    }
  }

  @Test
  void rejectsSomethingThatIsNotARedisUrl() {
    assertThatThrownBy(() -> RedisConnections.open("http://localhost:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Redis URL");
  }
}
