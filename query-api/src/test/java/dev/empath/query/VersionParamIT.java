package dev.empath.query;

import static dev.empath.query.QueryApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.keys.VersionMeta;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code version=}: a side keyspace version, for keys with the versions scope only. */
class VersionParamIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final String OPERATOR = "operator-with-versions";
  static final String ANALYST = "analyst-without-scope";
  static final int SIDE = 7;
  static final int BUILDING = 8;

  static String game;
  static EmbeddedServer server;
  static Http http;

  @BeforeAll
  static void start() {
    game = redis.uniqueName("game");
    TestData active = new TestData(redis.client(), new Keyspace(1));
    active.session(game, "s1");
    TestData side = new TestData(redis.client(), new Keyspace(SIDE));
    side.session(game, "s1");
    side.session(game, "only-in-side");
    side.character(game, "c1", "p1");
    side.usage(game);
    redis.client().hset(new Keyspace(SIDE).meta(), Map.of(VersionMeta.STATE, VersionMeta.SIDE));
    new TestData(redis.client(), new Keyspace(BUILDING)).session(game, "s1");
    redis
        .client()
        .hset(new Keyspace(BUILDING).meta(), Map.of(VersionMeta.STATE, VersionMeta.BUILDING));
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
                "empath.api.keys." + KeyHash.sha256Hex(OPERATOR),
                "*",
                "empath.api.scopes." + KeyHash.sha256Hex(OPERATOR),
                "versions",
                "empath.api.keys." + KeyHash.sha256Hex(ANALYST),
                game));
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
        "/v1/games/%s/sessions/s1/emotion",
        "/v1/games/%s/sessions/s1/emotion/timeline",
        "/v1/games/%s/sessions/s1/narrative",
        "/v1/games/%s/characters/c1",
        "/v1/games/%s/characters/c1/players/p1",
        "/v1/games/%s/usage");
  }

  private static HttpResponse<String> get(String path, String version, String key) {
    return http.get(path.formatted(game) + "?version=" + version, key);
  }

  @ParameterizedTest
  @MethodSource("paths")
  void aScopedKeyReadsTheSideVersion(String path) {
    HttpResponse<String> r = get(path, Integer.toString(SIDE), OPERATOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Http.json(r).path("gameId").asText()).isEqualTo(game);
  }

  @ParameterizedTest
  @MethodSource("paths")
  void aKeyWithoutTheScopeIs403(String path) {
    HttpResponse<String> r = get(path, Integer.toString(SIDE), ANALYST);
    assertProblem(r, 403);
    assertThat(Http.json(r).path("detail").asText()).contains("'versions' scope");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void anUnknownVersionIs404AndABadOneIs400(String path) {
    assertProblem(get(path, "99", OPERATOR), 404);
    assertProblem(get(path, Integer.toString(BUILDING), OPERATOR), 404);
    assertProblem(get(path, "abc", OPERATOR), 400);
    assertProblem(get(path, "0", OPERATOR), 400);
    assertProblem(get(path, "-1", OPERATOR), 400);
  }

  @Test
  void theSideVersionIsReadOnlyWhenNamed() {
    String path = "/v1/games/%s/sessions/only-in-side/emotion";
    HttpResponse<String> side = get(path, Integer.toString(SIDE), OPERATOR);
    assertThat(side.statusCode()).as(side.body()).isEqualTo(200);
    assertThat(Http.json(side).path("sessionId").asText()).isEqualTo("only-in-side");
    assertProblem(http.get(path.formatted(game), OPERATOR), 404);
    // The character exists in the side version only.
    assertProblem(http.get("/v1/games/%s/characters/c1".formatted(game), OPERATOR), 404);
  }

  @Test
  void theActiveVersionMayBeNamedEvenWithoutFacts() {
    HttpResponse<String> r = get("/v1/games/%s/sessions/s1/narrative", "1", OPERATOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void withoutVersionAnUnscopedKeyReadsAsBefore() {
    HttpResponse<String> r = http.get("/v1/games/%s/sessions/s1/emotion".formatted(game), ANALYST);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
