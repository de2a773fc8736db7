package dev.empath.query.asof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.asof.HistoryCaps;
import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.Decay;
import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.AbstractPipeline;

/** {@code asOf=} on the character, relationship and session endpoints, against a real Redis. */
class AsOfIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final String KEY = "as-of-key";
  static final String OTHER_KEY = "other-game-key";
  static final long T0 = 1_700_000_000_000L;
  static final long MIN = 60_000;
  static final Keyspace KEYS = new Keyspace(1);
  static final HistoryCaps CAPS = new HistoryCaps(3, 3, 3, 3);
  static final ObjectMapper JSON = new ObjectMapper();

  static String game;
  static EmbeddedServer server;
  static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    game = redis.uniqueName("game");
    CAPS.record(redis.client(), KEYS);
    List<WriteOp> ops = new ArrayList<>();
    // Five of everything, a minute apart from T0; every history keeps three (from T0 + 2 min).
    for (int i = 0; i < 5; i++) {
      long at = T0 + i * MIN;
      CharacterState s = new CharacterState(game, "c1", 0.2 * i, 0.1, i + 1, at, "p1", "x");
      Relationship r = new Relationship(game, "c1", "p1", 0.1 * i, 0.05 * i, i + 1, at);
      Memory m = new Memory("e" + i, "talk", "m" + i, "", 0.1, 0.2 + 0.1 * i, at, "s1", "x");
      ops.add(new WriteOp.Put(KEYS.characterState(game, "c1"), Json.write(s)));
      ops.add(new WriteOp.Put(KEYS.relationship(game, "c1", "p1"), Json.write(r)));
      ops.add(add(KEYS.characterStateHistory(game, "c1"), at, s));
      ops.add(add(KEYS.relationshipHistory(game, "c1", "p1"), at, r));
      ops.add(add(KEYS.memories(game, "c1", "p1"), at, m));
      EmotionSnapshot e = emotion(i, at);
      ops.add(new WriteOp.Put(KEYS.sessionEmotion(game, "s1"), Json.write(e)));
      ops.add(add(KEYS.sessionTimeline(game, "s1"), at, e));
      NarrativeSnapshot d = decision(i, at);
      ops.add(new WriteOp.Put(KEYS.sessionNarrative(game, "s1"), Json.write(d)));
      ops.add(add(KEYS.sessionDecisions(game, "s1"), at, d));
    }
    // A character with two states: its history is not full.
    for (int i = 0; i < 2; i++) {
      long at = T0 + i * MIN;
      ops.add(
          add(
              KEYS.characterStateHistory(game, "young"),
              at,
              new CharacterState(game, "young", 0.5, 0, i + 1, at, "p1", "x")));
    }
    try (AbstractPipeline p = redis.client().pipelined()) {
      WriteOps.apply(p, ops);
      p.sync();
    }
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
                "empath.api.keys." + KeyHash.sha256Hex(KEY),
                game,
                "empath.api.keys." + KeyHash.sha256Hex(OTHER_KEY),
                "another-game"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
  }

  static Stream<String> asOfPaths() {
    String at = "?asOf=" + (T0 + 3 * MIN);
    return Stream.of(
        "/v1/games/" + game + "/characters/c1" + at,
        "/v1/games/" + game + "/characters/c1/players/p1" + at,
        "/v1/games/" + game + "/sessions/s1/emotion" + at,
        "/v1/games/" + game + "/sessions/s1/narrative" + at);
  }

  @ParameterizedTest
  @MethodSource("asOfPaths")
  void asOfAnswersWithTheRightKeyOnly(String path) {
    assertThat(get(path, KEY).statusCode()).isEqualTo(200);
    assertThat(get(path, null).statusCode()).isEqualTo(401);
    assertThat(get(path, "wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> forbidden = get(path, OTHER_KEY);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @ParameterizedTest
  @MethodSource("asOfPaths")
  void aMomentInTheFutureOrNotATimeIs400(String path) {
    String base = path.substring(0, path.indexOf('?'));
    HttpResponse<String> future = get(base + "?asOf=" + (System.currentTimeMillis() + 60_000), KEY);
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(json(future).path("detail").asText()).contains("asOf").contains("future");
    assertThat(get(base + "?asOf=yesterday", KEY).statusCode()).isEqualTo(400);
  }

  @Test
  void aCharacterAsOfAMomentIsItsStateThenDecayedToIt() {
    long at = T0 + 3 * MIN + 30_000;
    JsonNode c = json(get("/v1/games/" + game + "/characters/c1?asOf=" + at, KEY));
    assertThat(c.path("interactions").asLong()).isEqualTo(4);
    assertThat(c.path("mood").asDouble()).isEqualTo(Decay.MOOD.apply(0.2 * 3, 0, 30_000));
    JsonNode iso =
        json(get("/v1/games/" + game + "/characters/c1?asOf=" + Instant.ofEpochMilli(at), KEY));
    assertThat(iso).isEqualTo(c);
    // Without asOf, the latest state.
    JsonNode now = json(get("/v1/games/" + game + "/characters/c1", KEY));
    assertThat(now.path("interactions").asLong()).isEqualTo(5);
  }

  @Test
  void aRelationshipAsOfAMomentHasTheMemoriesUpToItRankedThen() {
    long at = T0 + 3 * MIN;
    JsonNode r = json(get("/v1/games/" + game + "/characters/c1/players/p1?asOf=" + at, KEY));
    assertThat(r.path("interactions").asLong()).isEqualTo(4);
    assertThat(r.path("affinity").asDouble()).isEqualTo(0.1 * 3);
    List<String> memories = new ArrayList<>();
    r.path("memories").forEach(m -> memories.add(m.path("eventId").asText()));
    assertThat(memories).containsExactly("e3", "e2");
  }

  @Test
  void sessionEmotionAndNarrativeAsOfAMomentAreTheLatestThen() {
    long at = T0 + 2 * MIN + 59_999;
    String s = "/v1/games/" + game + "/sessions/s1";
    assertThat(json(get(s + "/emotion?asOf=" + at, KEY)).path("predictionId").asText())
        .isEqualTo("x2");
    assertThat(json(get(s + "/narrative?asOf=" + at, KEY)).path("decisionId").asText())
        .isEqualTo("d2");
  }

  @Test
  void beforeWhatIsKeptIs404SayingHowFarBackAndNamingTheCommand() {
    long at = T0 + MIN;
    HttpResponse<String> r = get("/v1/games/" + game + "/characters/c1?asOf=" + at, KEY);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(r).path("detail").asText())
        .contains("can see back to " + Instant.ofEpochMilli(T0 + 2 * MIN))
        .contains(
            "./empath state --game " + game + " --character c1 --at " + Instant.ofEpochMilli(at));
    HttpResponse<String> session =
        get("/v1/games/" + game + "/sessions/s1/narrative?asOf=" + at, KEY);
    assertThat(json(session).path("detail").asText())
        .contains("./empath state --game " + game + " --session s1 --at");
    HttpResponse<String> pair =
        get("/v1/games/" + game + "/characters/c1/players/p1?asOf=" + at, KEY);
    assertThat(json(pair).path("detail").asText()).contains("--character c1 --player p1 --at");
  }

  @Test
  void beforeTheFirstEntryOfAHistoryThatIsNotFullIsAPlain404() {
    HttpResponse<String> r = get("/v1/games/" + game + "/characters/young?asOf=" + (T0 - 1), KEY);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("detail").asText())
        .startsWith("no state known for this character at")
        .doesNotContain("./empath");
  }

  @Test
  void theOpenApiDocumentDescribesAsOf() {
    HttpResponse<String> doc = get("/openapi/empath-query-api-v1.yml", null);
    // One asOf parameter on each of the four endpoints, described with the command to use.
    assertThat(doc.body().split("- name: asOf", -1)).hasSize(5);
    assertThat(doc.body()).contains("404 naming `./empath");
  }

  static WriteOp add(String key, long at, Object value) {
    return new WriteOp.AddCapped(key, at, Json.write(value), 3);
  }

  static EmotionSnapshot emotion(int i, long at) {
    return new EmotionSnapshot(
        "x" + i, game, "s1", "p1", at, "joy", 0.5, Map.of("joy", 0.5), 0.1, 0.2, "m", i, "", "");
  }

  static NarrativeSnapshot decision(int i, long at) {
    return new NarrativeSnapshot(
        "d" + i,
        game,
        "s1",
        "p1",
        at,
        "build_up",
        at,
        0.3,
        0,
        "calm",
        Map.of(),
        false,
        List.of(),
        "v1",
        "x" + i,
        "joy",
        "",
        "");
  }

  static HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.getURI().resolve(path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(r.body(), e);
    }
  }
}
