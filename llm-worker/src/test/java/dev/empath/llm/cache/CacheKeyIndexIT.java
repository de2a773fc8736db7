package dev.empath.llm.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.RedisExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/** The worker knows which cache keys may exist, against a real Redis. */
class CacheKeyIndexIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final Duration WAIT = Duration.ofSeconds(10);
  private CacheKeyIndex index;

  @AfterEach
  void close() {
    if (index != null) {
      index.close();
    }
  }

  @Test
  void keysWrittenBeforeItStartedMayExistAndOthersSurelyDoNot() {
    String written = key("before");
    redis.client().psetex(written, 60_000, "x");

    index = start();
    await().atMost(WAIT).until(index::complete);

    assertThat(index.mayExist(written)).isTrue();
    assertThat(index.mayExist(key("never-written"))).isFalse();
    assertThat(index.skippedReads()).isEqualTo(1);
  }

  @Test
  void aKeyAnotherClientWritesMayExistOnceRedisAnnouncesIt() {
    index = start();
    await().atMost(WAIT).until(index::complete);
    String later = key("later");
    assertThat(index.mayExist(later)).isFalse();

    redis.client().psetex(later, 60_000, "x");

    await().atMost(WAIT).until(() -> index.mayExist(later));
  }

  @Test
  void withoutItsConnectionEveryKeyMayExist() {
    index = start();
    await().atMost(WAIT).until(index::complete);
    String unknown = key("unknown");
    assertThat(index.mayExist(unknown)).isFalse();

    index.disconnected(new RuntimeException("connection lost")); // as its listener reports it

    assertThat(index.complete()).isFalse();
    assertThat(index.mayExist(unknown)).isTrue();
  }

  @Test
  void aKeyWrittenWhileItsConnectionWasDownIsFoundByTheNextScan() {
    index = start();
    await().atMost(WAIT).until(index::complete);

    // Kill the index's subscribed connection, then write at once: the listener reconnects only
    // after a 100 ms pause, so no announcement of this key can reach it.
    Object killed = redis.client().sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
    assertThat((Long) killed).isPositive();
    String whileAway = key("while-away");
    redis.client().psetex(whileAway, 60_000, "x");

    await().atMost(WAIT).until(() -> index.mayExist(whileAway) && index.complete());
    assertThat(index.mayExist(key("unknown"))).isFalse();
  }

  @Test
  void afterAFlushNoKeyMayExist() {
    String written = key("flushed");
    redis.client().psetex(written, 60_000, "x");
    index = start();
    await().atMost(WAIT).until(index::complete);
    assertThat(index.mayExist(written)).isTrue();

    RedisClient client = redis.client();
    client.flushAll();

    await().atMost(WAIT).until(() -> !index.mayExist(written));
  }

  private CacheKeyIndex start() {
    return CacheKeyIndex.start(redis.uri(), redis.client(), 10_000, Duration.ofMinutes(1));
  }

  private static String key(String name) {
    return ResponseCache.PREFIX + "{" + redis.uniqueName("game") + "}:" + name;
  }
}
