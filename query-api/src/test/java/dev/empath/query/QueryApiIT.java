package dev.empath.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real service on a random port against a real Redis, data written as the projector does. */
class QueryApiIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final String KEY_A = "key-for-game-a";
  static final String KEY_B = "key-for-game-b";
  static final String KEY_ALL = "operator-key";
  static final String LONG_ID = "x".repeat(129);

  static String gameA;
  static String gameB;
  static EmbeddedServer server;
  static Http http;
  static TestData data;

  @BeforeAll
  static void start() {
    gameA = redis.uniqueName("game-a");
    gameB = redis.uniqueName("game-b");
    data = new TestData(redis.client());
    data.session(gameA, "s1");
    data.character(gameA, "c1", "p1");
    data.usage(gameA);
    data.session(gameB, "s1");
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "redis.url",
                redis.uri(),
                "empath.read-model.version-cache-ms",
                0,
                "empath.api.keys." + KeyHash.sha256Hex(KEY_A),
                gameA,
                "empath.api.keys." + KeyHash.sha256Hex(KEY_B),
                gameB,
                "empath.api.keys." + KeyHash.sha256Hex(KEY_ALL),
                "*",
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

  /** Every /v1 path of game A, with data behind it. */
  static Stream<String> paths() {
    return Stream.of(
        "/v1/games/" + gameA + "/sessions/s1/emotion",
        "/v1/games/" + gameA + "/sessions/s1/emotion/timeline",
        "/v1/games/" + gameA + "/sessions/s1/narrative",
        "/v1/games/" + gameA + "/characters/c1",
        "/v1/games/" + gameA + "/characters/c1/players/p1",
        "/v1/games/" + gameA + "/usage");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void withoutKeyIs401(String path) {
    HttpResponse<String> r = http.get(path, null);
    assertProblem(r, 401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void wrongKeyIs401(String path) {
    assertProblem(http.get(path, "not-a-key"), 401);
  }

  @ParameterizedTest
  @MethodSource("paths")
  void anotherGamesKeyIs403(String path) {
    HttpResponse<String> r = http.get(path, KEY_B);
    assertProblem(r, 403);
    // Same body as for a resource that does not exist (see forbiddenBeforeNotFound).
    assertThat(Http.json(r).path("detail").asText())
        .isEqualTo("this API key may not read the game in the path");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void rightKeyIs200Json(String path) {
    HttpResponse<String> r = http.get(path, KEY_A);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(Http.json(r).path("gameId").asText()).isEqualTo(gameA);
  }

  @ParameterizedTest
  @MethodSource("paths")
  void xApiKeyHeaderWorksToo(String path) {
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(http.uri(path)).header("X-API-Key", KEY_A).build());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("paths")
  void forbiddenBeforeNotFound(String path) {
    // Another game's key learns nothing about what exists: unknown ids are 403 too.
    String unknown = path.replace("/s1/", "/nobody/").replace("/c1", "/nobody");
    assertProblem(http.get(unknown, KEY_B), 403);
  }

  static Stream<Arguments> badRequests() {
    String s = "/v1/games/" + gameA + "/sessions/s1";
    String c = "/v1/games/" + gameA + "/characters/c1";
    List<Arguments> bad = new ArrayList<>();
    for (String suffix : List.of("/emotion", "/emotion/timeline", "/narrative")) {
      bad.add(Arguments.of("/v1/games/" + LONG_ID + "/sessions/s1" + suffix, "gameId"));
      bad.add(Arguments.of("/v1/games/" + gameA + "/sessions/" + LONG_ID + suffix, "sessionId"));
      bad.add(Arguments.of("/v1/games/" + gameA + "/sessions/a%01b" + suffix, "sessionId"));
    }
    bad.add(Arguments.of(s + "/emotion/timeline?from=yesterday", "from"));
    bad.add(Arguments.of(s + "/emotion/timeline?to=12x", "to"));
    bad.add(Arguments.of(s + "/emotion/timeline?from=2000&to=1000", "from"));
    bad.add(Arguments.of(s + "/emotion/timeline?limit=0", "limit"));
    bad.add(Arguments.of(s + "/emotion/timeline?limit=1001", "limit"));
    bad.add(Arguments.of(s + "/emotion/timeline?limit=ten", "limit"));
    bad.add(Arguments.of(s + "/emotion/timeline?limit=99999999999", "limit"));
    bad.add(Arguments.of(s + "/emotion/timeline?order=sideways", "order"));
    bad.add(Arguments.of(s + "/emotion/timeline?cursor=-5", "cursor"));
    bad.add(Arguments.of(s + "/emotion/timeline?cursor=abc", "cursor"));
    bad.add(Arguments.of("/v1/games/" + LONG_ID + "/characters/c1", "gameId"));
    bad.add(Arguments.of("/v1/games/" + gameA + "/characters/" + LONG_ID, "characterId"));
    bad.add(Arguments.of("/v1/games/" + gameA + "/characters/c%0A1", "characterId"));
    bad.add(Arguments.of(c + "/players/" + LONG_ID, "playerId"));
    bad.add(Arguments.of(c + "/players/p1?limit=0", "limit"));
    bad.add(Arguments.of(c + "/players/p1?limit=101", "limit"));
    bad.add(Arguments.of(c + "/players/p1?limit=-3", "limit"));
    bad.add(Arguments.of(c + "/players/p1?limit=%00", "limit"));
    bad.add(Arguments.of("/v1/games/" + LONG_ID + "/usage", "gameId"));
    bad.add(Arguments.of("/v1/games/a%7Fb/usage", "gameId"));
    return bad.stream();
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void badParametersAre400NamingTheParameter(String path, String parameter) {
    HttpResponse<String> r = http.get(path, KEY_ALL);
    assertProblem(r, 400);
    assertThat(Http.json(r).path("detail").asText()).contains(parameter);
  }

  static Stream<String> unknownResources() {
    return Stream.of(
        "/v1/games/" + gameA + "/sessions/nobody/emotion",
        "/v1/games/" + gameA + "/sessions/nobody/emotion/timeline",
        "/v1/games/" + gameA + "/sessions/nobody/narrative",
        "/v1/games/" + gameA + "/characters/nobody",
        "/v1/games/" + gameA + "/characters/c1/players/stranger",
        "/v1/games/" + gameA + "/no-such-thing");
  }

  @ParameterizedTest
  @MethodSource("unknownResources")
  void unknownResourcesAre404(String path) {
    assertProblem(http.get(path, KEY_A), 404);
  }

  @Test
  void unknownGameHasZeroUsage() {
    HttpResponse<String> r = http.get("/v1/games/" + redis.uniqueName("g") + "/usage", KEY_ALL);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Http.json(r).path("total").path("requests").asLong()).isZero();
  }

  @Test
  void wrongMethodIs405Problem() {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(http.uri(paths().findFirst().orElseThrow()))
                .header("Authorization", "Bearer " + KEY_A)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertProblem(r, 405);
  }

  @Test
  void emotionHasEveryField() {
    JsonNode e = Http.json(http.get("/v1/games/" + gameA + "/sessions/s1/emotion", KEY_A));
    assertThat(e.path("predictionId").asText()).isEqualTo("p29");
    assertThat(e.path("dominantEmotion").asText()).isEqualTo("joy");
    assertThat(e.path("confidence").asDouble()).isEqualTo(0.5);
    assertThat(e.path("scores").path("calm").asDouble()).isEqualTo(0.3);
    assertThat(e.path("valence").asDouble()).isEqualTo(0.2);
    assertThat(e.path("arousal").asDouble()).isEqualTo(0.3);
    assertThat(e.path("modelVersion").asText()).isEqualTo("m1");
    assertThat(e.path("timestampMs").asLong()).isEqualTo(TestData.T0 + 29_000);
  }

  @Test
  void narrativeHasPhaseToneReasonAndPolicy() {
    JsonNode n = Http.json(http.get("/v1/games/" + gameA + "/sessions/s1/narrative", KEY_A));
    assertThat(n.path("phase").asText()).isEqualTo("BUILD_UP");
    assertThat(n.path("intensity").asDouble()).isEqualTo(0.4);
    assertThat(n.path("dialogueTone").asText()).isEqualTo("tense");
    assertThat(n.path("sceneAdjustments").path("lighting").asText()).isEqualTo("dim");
    assertThat(n.path("reasons").get(0).path("code").asText()).isEqualTo("intensity_rising");
    assertThat(n.path("policyVersion").asText()).isEqualTo("policy-7");
  }

  @Test
  void characterAndRelationshipCarryStateAndRankedMemories() {
    JsonNode c = Http.json(http.get("/v1/games/" + gameA + "/characters/c1", KEY_A));
    assertThat(c.path("mood").asDouble()).isBetween(0.49, 0.5);
    assertThat(c.path("recentLines").get(0).path("text").asText()).isEqualTo("Welcome back.");
    JsonNode r =
        Http.json(http.get("/v1/games/" + gameA + "/characters/c1/players/p1?limit=3", KEY_A));
    assertThat(r.path("affinity").asDouble()).isBetween(0.59, 0.6);
    assertThat(r.path("memories")).hasSize(3);
    // importance grows with i: e11 (0.6) ranks first
    assertThat(r.path("memories").get(0).path("eventId").asText()).isEqualTo("e11");
    assertThat(r.path("memories").get(0).path("score").asDouble())
        .isGreaterThan(r.path("memories").get(1).path("score").asDouble());
    JsonNode all = Http.json(http.get("/v1/games/" + gameA + "/characters/c1/players/p1", KEY_A));
    assertThat(all.path("memories")).hasSize(10);
  }

  @Test
  void usageAddsUpRoutes() {
    JsonNode u = Http.json(http.get("/v1/games/" + gameA + "/usage", KEY_A));
    assertThat(u.path("total").path("requests").asLong()).isEqualTo(2);
    assertThat(u.path("total").path("cached").asLong()).isEqualTo(1);
    assertThat(u.path("total").path("costUsd").asDouble()).isEqualTo(0.0015);
    assertThat(u.path("routes")).hasSize(2);
  }

  @Test
  void timelinePagesNewestFirstUntilTheEnd() {
    String base = "/v1/games/" + gameA + "/sessions/s1/emotion/timeline?limit=10";
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          Http.json(http.get(base + (cursor == null ? "" : "&cursor=" + cursor), KEY_A));
      page.path("items").forEach(i -> seen.add(i.path("predictionId").asText()));
      cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen)
        .hasSize(30)
        .startsWith("p29", "p28")
        .endsWith("p1", "p0")
        .doesNotHaveDuplicates();
    // 30 entries in pages of 10: the third page is full, so a fourth (empty) one ends the walk.
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void timelineRangeOldestFirstAndLastPageHasNoCursor() {
    String path =
        "/v1/games/"
            + gameA
            + "/sessions/s1/emotion/timeline?order=asc&limit=5&from="
            + (TestData.T0 + 10_000)
            + "&to="
            + (TestData.T0 + 12_000);
    JsonNode page = Http.json(http.get(path, KEY_A));
    assertThat(page.path("items"))
        .extracting(i -> i.path("predictionId").asText())
        .containsExactly("p10", "p11", "p12");
    assertThat(page.hasNonNull("nextCursor")).isFalse();
    assertThat(page.path("order").asText()).isEqualTo("asc");
  }

  @Test
  void timelineAcceptsIsoInstantsAndSinglePageEdges() {
    String iso = java.time.Instant.ofEpochMilli(TestData.T0 + 28_000).toString();
    JsonNode page =
        Http.json(
            http.get(
                "/v1/games/" + gameA + "/sessions/s1/emotion/timeline?limit=1&from=" + iso, KEY_A));
    assertThat(page.path("items")).hasSize(1);
    assertThat(page.path("items").get(0).path("predictionId").asText()).isEqualTo("p29");
    assertThat(page.path("nextCursor").asText()).isEqualTo("1");
    JsonNode beyond =
        Http.json(
            http.get("/v1/games/" + gameA + "/sessions/s1/emotion/timeline?cursor=1000", KEY_A));
    assertThat(beyond.path("items")).isEmpty();
    assertThat(beyond.hasNonNull("nextCursor")).isFalse();
    JsonNode max =
        Http.json(
            http.get("/v1/games/" + gameA + "/sessions/s1/emotion/timeline?limit=1000", KEY_A));
    assertThat(max.path("items")).hasSize(30);
  }

  @Test
  void aNewerPredictionIsServedOnceRedisReportsTheChange() {
    String game = redis.uniqueName("game-update");
    String path = "/v1/games/" + game + "/sessions/s/emotion";
    data.apply(
        List.of(
            new WriteOp.Put(
                data.keys().sessionEmotion(game, "s"),
                Json.write(TestData.emotion(game, "s", 1)))));
    // Read twice: the second answer comes from the tracked cache.
    assertThat(Http.json(http.get(path, KEY_ALL)).path("predictionId").asText()).isEqualTo("p1");
    assertThat(Http.json(http.get(path, KEY_ALL)).path("predictionId").asText()).isEqualTo("p1");
    data.apply(
        List.of(
            new WriteOp.Put(
                data.keys().sessionEmotion(game, "s"),
                Json.write(TestData.emotion(game, "s", 2)))));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(Http.json(http.get(path, KEY_ALL)).path("predictionId").asText())
                    .isEqualTo("p2"));
  }

  @Test
  void followsTheActiveKeyspaceVersion() {
    String game = redis.uniqueName("game-switch");
    Keyspace current = data.keys();
    Keyspace next = new Keyspace(current.version() + 1);
    data.apply(
        List.of(
            new WriteOp.Put(
                current.sessionEmotion(game, "s"), Json.write(TestData.emotion(game, "s", 1)))));
    data.apply(
        List.of(
            new WriteOp.Put(
                next.sessionEmotion(game, "s"), Json.write(TestData.emotion(game, "s", 2)))));
    String path = "/v1/games/" + game + "/sessions/s/emotion";
    assertThat(Http.json(http.get(path, KEY_ALL)).path("predictionId").asText()).isEqualTo("p1");
    try {
      redis.client().set(Keyspace.ACTIVE_VERSION_KEY, Integer.toString(next.version()));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(Http.json(http.get(path, KEY_ALL)).path("predictionId").asText())
                      .isEqualTo("p2"));
    } finally {
      redis.client().set(Keyspace.ACTIVE_VERSION_KEY, Integer.toString(current.version()));
    }
    assertThat(ActiveVersion.read(redis.client())).isEqualTo(current.version());
  }

  @Test
  void readinessFollowsRedisAndAPendingSwitchOver() {
    HttpResponse<String> ready = http.get("/health/readiness", null);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(Http.json(ready).path("status").asText()).isEqualTo("UP");
    String meta = data.keys().meta();
    try {
      redis.client().hset(meta, "state", "building");
      HttpResponse<String> pending = http.get("/health/readiness", null);
      assertThat(pending.statusCode()).isEqualTo(503);
    } finally {
      redis.client().del(meta);
    }
    assertThat(http.get("/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void prometheusMetricsAreServed() {
    http.get("/v1/games/" + gameA + "/usage", KEY_A);
    http.get("/v1/games/" + gameA + "/usage", null);
    HttpResponse<String> r = http.get("/prometheus", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("http_server_requests_seconds")
        .contains("empath_query_rejected_total");
  }

  @Test
  void openApiDocumentListsEveryPath() {
    HttpResponse<String> r = http.get("/openapi/empath-query-api-v1.yml", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("/v1/games/{gameId}/sessions/{sessionId}/emotion:")
        .contains("/v1/games/{gameId}/sessions/{sessionId}/emotion/timeline:")
        .contains("/v1/games/{gameId}/sessions/{sessionId}/narrative:")
        .contains("/v1/games/{gameId}/characters/{characterId}:")
        .contains("/v1/games/{gameId}/characters/{characterId}/players/{playerId}:")
        .contains("/v1/games/{gameId}/usage:")
        .doesNotContain("/v1/bench");
  }

  @Test
  void corruptStoredValueIs500ProblemWithoutInternals() {
    String game = redis.uniqueName("game-corrupt");
    data.apply(List.of(new WriteOp.Put(data.keys().sessionEmotion(game, "s"), "{not json")));
    HttpResponse<String> r = http.get("/v1/games/" + game + "/sessions/s/emotion", KEY_ALL);
    assertProblem(r, 500);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("not json");
  }

  @Test
  void servesNoBenchmarkEndpoint() {
    assertProblem(http.get("/v1/bench/constant", KEY_ALL), 404);
  }

  static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode p = Http.json(r);
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("type").asText()).startsWith("https://");
    assertThat(p.path("title").asText()).isNotBlank();
    assertThat(p.path("detail").asText()).isNotBlank();
    assertThat(p.path("instance").asText()).startsWith("/");
  }
}
