package dev.empath.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.RedisClusterExtension;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * query-api on a Redis Cluster of 3 primaries with a replica each ({@code redis.cluster.nodes}):
 * every read endpoint answers from the slots its keys hash to ({@code asOf} too), a version switch
 * is followed, and the tracked cache is off. A primary killed under readers is {@code
 * RedisClusterExtensionIT}'s (embedded) and the projector's {@code RedisFailoverIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

  @RegisterExtension static final RedisClusterExtension redis = new RedisClusterExtension();

  static final String KEY = "cluster-key";
  static String game;
  static EmbeddedServer server;
  static Http http;
  static TestData data;

  @BeforeAll
  static void start() {
    RedisClusterClient client = redis.client();
    game = redis.uniqueName("game");
    data = new TestData(client);
    data.session(game, "s1");
    data.session(game, "s2");
    data.character(game, "c1", "p1");
    data.usage(game);
    data.apply(
        List.of(
            new WriteOp.AddCapped(data.keys().gameSessions(game), TestData.T0, "s1", 100),
            new WriteOp.AddCapped(data.keys().gameSessions(game), TestData.T0 + 1, "s2", 100),
            new WriteOp.AddCapped(
                data.keys().characterStateHistory(game, "c1"),
                TestData.T0,
                Json.write(new CharacterState(game, "c1", 0.4, 0.1, 1, TestData.T0, "p1", "x")),
                100)));
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "redis.cluster.nodes",
                redis.nodeList(),
                "empath.read-model.version-cache-ms",
                0,
                "empath.api.keys." + KeyHash.sha256Hex(KEY),
                game,
                "empath.api.rate-limit-per-second",
                100_000,
                "empath.api.rate-limit-burst",
                100_000));
    http = new Http(server.getURI());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
  }

  static Stream<String> paths() {
    return Stream.of(
        "/v1/games/" + game + "/sessions",
        "/v1/games/" + game + "/sessions/s1/emotion",
        "/v1/games/" + game + "/sessions/s2/emotion/timeline",
        "/v1/games/" + game + "/sessions/s1/narrative",
        "/v1/games/" + game + "/characters/c1",
        "/v1/games/" + game + "/characters/c1/players/p1",
        "/v1/games/" + game + "/usage");
  }

  @Test
  @Order(1)
  void everyEndpointReadsItsKeysFromTheirSlots() {
    // The data sits on more than one primary: a read that assumed one node would miss some.
    assertThat(
            Stream.of(
                    data.keys().sessionEmotion(game, "s1"),
                    data.keys().sessionEmotion(game, "s2"),
                    data.keys().characterState(game, "c1"),
                    data.keys().usage(game))
                .map(k -> JedisClusterCRC16.getSlot(k) * 3 / 16_384)
                .distinct()
                .count())
        .isGreaterThan(1);
    paths().forEach(path -> assertThat(http.get(path, KEY).statusCode()).as(path).isEqualTo(200));
    assertThat(Http.json(http.get(paths().toList().get(0), KEY)).path("items").size()).isEqualTo(2);
    assertThat(
            Http.json(http.get("/v1/games/" + game + "/sessions/s1/emotion", KEY))
                .path("predictionId")
                .asText())
        .isEqualTo("p" + (TestData.TIMELINE_ENTRIES - 1));
    // asOf reads an entity's keys in one MULTI: one slot, so the cluster takes it.
    HttpResponse<String> asOf =
        http.get("/v1/games/" + game + "/characters/c1?asOf=" + (TestData.T0 + 1_000), KEY);
    assertThat(asOf.statusCode()).as(asOf.body()).isEqualTo(200);
    // The state then (scene x), not the live one (scene-1).
    assertThat(Http.json(asOf).toString()).contains("\"lastSceneId\":\"x\"");
    HttpResponse<String> emotionThen =
        http.get("/v1/games/" + game + "/sessions/s1/emotion?asOf=" + (TestData.T0 + 60_000), KEY);
    assertThat(emotionThen.statusCode()).as(emotionThen.body()).isEqualTo(200);
    assertThat(
            Http.json(http.get("/v1/games/" + game + "/usage", KEY))
                .path("total")
                .path("requests")
                .asLong())
        .isEqualTo(2);
  }

  @Test
  @Order(2)
  void readsAreNotCachedOnAClusterSoAChangeIsSeenAtOnce() {
    String path = "/v1/games/" + game + "/sessions/s9/emotion";
    put(data.keys(), "s9", 1);
    assertThat(Http.json(http.get(path, KEY)).path("predictionId").asText()).isEqualTo("p1");
    put(data.keys(), "s9", 2);
    assertThat(Http.json(http.get(path, KEY)).path("predictionId").asText()).isEqualTo("p2");
    assertThat(http.get("/prometheus", null).body())
        .containsPattern("empath_query_cache_tracking(\\{[^}]*\\})? 0\\.0");
  }

  @Test
  @Order(3)
  void followsTheActiveVersionAndReadinessOnTheCluster() {
    Keyspace current = data.keys();
    Keyspace next = new Keyspace(current.version() + 1);
    put(next, "s1", 7);
    String path = "/v1/games/" + game + "/sessions/s1/emotion";
    assertThat(http.get("/health/readiness", null).statusCode()).isEqualTo(200);
    try {
      redis.client().set(Keyspace.ACTIVE_VERSION_KEY, Integer.toString(next.version()));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(Http.json(http.get(path, KEY)).path("predictionId").asText())
                      .isEqualTo("p7"));
    } finally {
      redis.client().set(Keyspace.ACTIVE_VERSION_KEY, Integer.toString(current.version()));
    }
  }

  private static void put(Keyspace keys, String session, int i) {
    data.apply(
        List.of(
            new WriteOp.Put(
                keys.sessionEmotion(game, session),
                Json.write(TestData.emotion(game, session, i)))));
  }
}
