package dev.empath.platform.redis.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.RedisExtension;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/** The tracked cache against the real Redis server: what Redis changes, the cache drops. */
class TrackedCacheIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final Function<String, String> AS_IS = raw -> raw == null ? "<absent>" : raw;
  private static final Duration INVALIDATION_WAIT = Duration.ofSeconds(5);

  private RedisClient writer;
  private TrackedCache cache;

  @BeforeEach
  void start() {
    writer = redis.client();
    cache =
        new TrackedCache(
            JedisURIHelper.getHostAndPort(URI.create(redis.uri())),
            DefaultJedisClientConfig.builder().resp2().build(),
            new ConnectionPoolConfig(),
            writer,
            1_000);
    await().atMost(INVALIDATION_WAIT).until(cache::tracking);
  }

  @AfterEach
  void stop() {
    cache.close();
  }

  @Test
  void aHitNeedsNoReadAndAChangeDropsIt() {
    String key = redis.uniqueName("emotion");
    writer.set(key, "v1");
    assertThat(cache.<String>peek(key)).isNull();
    assertThat(cache.load(key, AS_IS)).isEqualTo("v1");
    assertThat(cache.<String>peek(key)).isEqualTo("v1");
    assertThat(cache.hits()).isEqualTo(1);

    writer.set(key, "v2");
    await().atMost(INVALIDATION_WAIT).until(() -> cache.peek(key) == null);
    assertThat(cache.load(key, AS_IS)).isEqualTo("v2");
    assertThat(cache.<String>peek(key)).isEqualTo("v2");
  }

  @Test
  void aMissingKeyIsCachedUntilItIsCreatedAndADeleteDropsAValue() {
    String key = redis.uniqueName("absent");
    assertThat(cache.load(key, AS_IS)).isEqualTo("<absent>");
    assertThat(cache.<String>peek(key)).isEqualTo("<absent>");

    writer.set(key, "now here");
    await().atMost(INVALIDATION_WAIT).until(() -> cache.peek(key) == null);
    assertThat(cache.load(key, AS_IS)).isEqualTo("now here");

    writer.del(key);
    await().atMost(INVALIDATION_WAIT).until(() -> cache.peek(key) == null);
    assertThat(cache.load(key, AS_IS)).isEqualTo("<absent>");
  }

  @Test
  void aChangeWhileTheReadIsInFlightKeepsTheReadOutOfTheCache() {
    String key = redis.uniqueName("racy");
    writer.set(key, "old");
    long invalidationsBefore = cache.invalidations();
    // decode runs after Redis answered and before the value is cached: change the key right there
    // and let its invalidation arrive, as a write racing the read would.
    String read =
        cache.load(
            key,
            raw -> {
              writer.set(key, "new");
              await()
                  .atMost(INVALIDATION_WAIT)
                  .until(() -> cache.invalidations() > invalidationsBefore);
              return raw;
            });
    assertThat(read).isEqualTo("old");
    assertThat(cache.<String>peek(key)).isNull();
    assertThat(cache.load(key, AS_IS)).isEqualTo("new");
  }

  @Test
  void aServerThatRefusesTrackingIsReadUncachedWithoutFailingReads() {
    String user = redis.uniqueName("no-tracking");
    // Everything but CLIENT TRACKING, as on a Redis before 6 or behind a strict ACL.
    admin(
        Protocol.Command.ACL,
        "SETUSER",
        user,
        "on",
        "nopass",
        "~*",
        "&*",
        "+@all",
        "-client",
        "+client|id");
    String key = redis.uniqueName("untracked");
    writer.set(key, "value");
    try (TrackedCache refused =
        new TrackedCache(
            JedisURIHelper.getHostAndPort(URI.create(redis.uri())),
            DefaultJedisClientConfig.builder().resp2().user(user).password("any").build(),
            new ConnectionPoolConfig(),
            writer,
            1_000)) {
      await()
          .during(Duration.ofMillis(500))
          .atMost(INVALIDATION_WAIT)
          .until(() -> !refused.tracking());
      assertThat(refused.load(key, AS_IS)).isEqualTo("value");
      assertThat(refused.<String>peek(key)).isNull();
    } finally {
      admin(Protocol.Command.ACL, "DELUSER", user);
    }
  }

  @Test
  void losingTheListenerEmptiesTheCacheAndTrackingResumesWithANewOne() {
    String key = redis.uniqueName("reconnect");
    writer.set(key, "before");
    cache.load(key, AS_IS);
    assertThat(cache.<String>peek(key)).isEqualTo("before");

    admin(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
    await().atMost(INVALIDATION_WAIT).until(() -> cache.peek(key) == null);
    await().atMost(INVALIDATION_WAIT).until(cache::tracking);

    // Cached again, and invalidations reach the new listener.
    assertThat(cache.load(key, AS_IS)).isEqualTo("before");
    assertThat(cache.<String>peek(key)).isEqualTo("before");
    writer.set(key, "after");
    await().atMost(INVALIDATION_WAIT).until(() -> cache.peek(key) == null);
    assertThat(cache.load(key, AS_IS)).isEqualTo("after");
  }

  private static void admin(Protocol.Command command, String... args) {
    try (Connection admin =
        new Connection(JedisURIHelper.getHostAndPort(URI.create(redis.uri())))) {
      CommandArguments arguments = new CommandArguments(command);
      for (String arg : args) {
        arguments.add(arg);
      }
      admin.executeCommand(arguments);
    }
  }
}
