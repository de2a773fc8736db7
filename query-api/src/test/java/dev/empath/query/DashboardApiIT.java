package dev.empath.query;

import static dev.empath.query.QueryApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dashboard's endpoints on the real server, against a real Redis and the in-JVM broker: the
 * session list, the decision history, rates, stream tokens and live streams, and the page itself.
 */
class DashboardApiIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();
  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  static final String KEY_A = "dash-key-a";
  static final String KEY_B = "dash-key-b";

  static String gameA;
  static String gameB;
  static TopicCatalog topics;
  static EmbeddedServer server;
  static Http http;
  static TestData data;

  @BeforeAll
  static void start() {
    gameA = redis.uniqueName("dash-a");
    gameB = redis.uniqueName("dash-b");
    String prefix = kafka.uniqueName("dash") + ".";
    topics = TopicCatalog.withPrefix(prefix);
    for (var spec :
        List.of(
            topics.emotion(),
            topics.narrative(),
            topics.generationResult(),
            topics.interaction(),
            topics.deadLetter())) {
      kafka.createTopic(spec.name(), 2);
    }
    data = new TestData(redis.client());
    session("s1", "joy", "build_up", 30);
    session("s2", "frustration", "sustain_peak", 20);
    session("s3", "frustration", "relax", 10);
    data.session(gameB, "s1");
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "redis.url",
                redis.uri(),
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "empath.topic.prefix",
                prefix,
                "empath.read-model.version-cache-ms",
                0,
                "empath.api.keys." + KeyHash.sha256Hex(KEY_A),
                gameA,
                "empath.api.keys." + KeyHash.sha256Hex(KEY_B),
                gameB,
                "empath.api.rate-limit-per-second",
                100_000,
                "empath.api.rate-limit-burst",
                100_000));
    http = new Http(server.getURI());
  }

  /** A session of game A whose latest activity is {@code minutesAgo} minutes back. */
  static void session(String id, String emotion, String phase, int minutesAgo) {
    long last = System.currentTimeMillis() - minutesAgo * 60_000L;
    List<WriteOp> ops = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      var e = TestData.emotion(gameA, id, i);
      e =
          new dev.empath.readmodel.session.EmotionSnapshot(
              id + "-p" + i,
              gameA,
              id,
              "player-" + id,
              last - (4 - i) * 1000L,
              emotion,
              0.7,
              e.scores(),
              0.1,
              0.5,
              "m1",
              i,
              "scene-1",
              "aria");
      ops.add(new WriteOp.Put(data.keys().sessionEmotion(gameA, id), Json.write(e)));
      ops.add(
          new WriteOp.AddCapped(
              data.keys().sessionTimeline(gameA, id), e.timestampMs(), Json.write(e), 100));
      NarrativeSnapshot d = decision(id, phase, last - (4 - i) * 1000L, i);
      ops.add(new WriteOp.Put(data.keys().sessionNarrative(gameA, id), Json.write(d)));
      ops.add(
          new WriteOp.AddCapped(
              data.keys().sessionDecisions(gameA, id), d.timestampMs(), Json.write(d), 100));
    }
    ops.add(new WriteOp.AddCapped(data.keys().gameSessions(gameA), last, id, 1000));
    data.apply(ops);
  }

  static NarrativeSnapshot decision(String session, String phase, long t, int i) {
    return new NarrativeSnapshot(
        session + "-d" + i,
        gameA,
        session,
        "player-" + session,
        t,
        phase,
        t - 60_000,
        0.4,
        0.05 * i,
        i % 2 == 0 ? "warm" : "tense",
        Map.of(),
        i == 3,
        List.of(new NarrativeSnapshot.Reason("tone", "emotion_rule", "frustration > 0.6")),
        "policy-1",
        session + "-p" + i,
        "joy",
        "scene-1",
        "aria");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
  }

  static Stream<String> paths() {
    return Stream.of(
        "/v1/games/" + gameA + "/sessions",
        "/v1/games/" + gameA + "/sessions/s1/decisions",
        "/v1/games/" + gameA + "/rates",
        "/v1/games/" + gameA + "/live",
        "/v1/games/" + gameA + "/sessions/s1/live");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void everyNewPathHasTheAuthMatrix(String path) {
    assertProblem(http.get(path, null), 401);
    assertProblem(http.get(path, "not-a-key"), 401);
    assertProblem(http.get(path, KEY_B), 403);
    assertProblem(http.get(path + "?token=forged.token", null), 401);
  }

  @Test
  void theTokenEndpointHasTheAuthMatrixToo() {
    assertProblem(post("/v1/games/" + gameA + "/live/token", null), 401);
    assertProblem(post("/v1/games/" + gameA + "/live/token", KEY_B), 403);
    assertThat(post("/v1/games/" + gameA + "/live/token", KEY_A).statusCode()).isEqualTo(200);
  }

  @Test
  void badParametersAre400AndUnknownSessions404() {
    String list = "/v1/games/" + gameA + "/sessions";
    for (String q :
        List.of(
            "?limit=0",
            "?limit=201",
            "?dominantFor=soon",
            "?emotion=a%20b",
            "?cursor=x",
            "?activeWithin=-5")) {
      assertProblem(http.get(list + q, KEY_A), 400);
    }
    String decisions = "/v1/games/" + gameA + "/sessions/s1/decisions";
    assertProblem(http.get(decisions + "?from=2&to=1", KEY_A), 400);
    assertProblem(http.get(decisions + "?order=up", KEY_A), 400);
    assertProblem(http.get("/v1/games/" + gameA + "/sessions/nobody/decisions", KEY_A), 404);
    assertProblem(http.get("/v1/games/" + gameA + "/sessions/nobody/live", KEY_A), 404);
  }

  @Test
  void sessionsAreListedMostRecentlyActiveFirstFilteredAndPaged() {
    JsonNode all = Http.json(http.get("/v1/games/" + gameA + "/sessions", KEY_A));
    assertThat(ids(all)).containsExactly("s3", "s2", "s1");
    JsonNode s3 = all.path("items").get(0);
    assertThat(s3.path("dominantEmotion").asText()).isEqualTo("frustration");
    assertThat(s3.path("phase").asText()).isEqualTo("relax");
    assertThat(s3.path("playerId").asText()).isEqualTo("player-s3");
    // The emotion has held for the five predictions: since the oldest, 4 s before the latest.
    assertThat(s3.path("lastActiveMs").asLong() - s3.path("dominantSinceMs").asLong())
        .isEqualTo(4000);

    String base = "/v1/games/" + gameA + "/sessions";
    assertThat(ids(Http.json(http.get(base + "?emotion=frustration", KEY_A))))
        .containsExactly("s3", "s2");
    assertThat(ids(Http.json(http.get(base + "?phase=sustain_peak", KEY_A)))).containsExactly("s2");
    assertThat(ids(Http.json(http.get(base + "?activeWithin=15m", KEY_A)))).containsExactly("s3");
    assertThat(ids(Http.json(http.get(base + "?emotion=frustration&dominantFor=15m", KEY_A))))
        .containsExactly("s2");

    JsonNode first = Http.json(http.get(base + "?limit=2", KEY_A));
    assertThat(ids(first)).containsExactly("s3", "s2");
    JsonNode second =
        Http.json(http.get(base + "?limit=2&cursor=" + first.path("nextCursor").asText(), KEY_A));
    assertThat(ids(second)).containsExactly("s1");
    assertThat(second.has("nextCursor")).isFalse();
    assertThat(Http.json(http.get("/v1/games/" + gameB + "/sessions", KEY_B)).path("items"))
        .isEmpty();
  }

  @Test
  void aSessionsDecisionsArePagedInATimeRange() {
    String base = "/v1/games/" + gameA + "/sessions/s1/decisions";
    JsonNode asc = Http.json(http.get(base + "?order=asc&limit=3", KEY_A));
    assertThat(asc.path("items")).hasSize(3);
    assertThat(asc.path("items").get(0).path("decisionId").asText()).isEqualTo("s1-d0");
    assertThat(asc.path("items").get(0).path("reasons").get(0).path("code").asText())
        .isEqualTo("emotion_rule");
    long t1 = asc.path("items").get(1).path("timestampMs").asLong();
    JsonNode ranged = Http.json(http.get(base + "?from=" + t1 + "&to=" + (t1 + 1000), KEY_A));
    assertThat(ranged.path("items"))
        .extracting(n -> n.path("decisionId").asText())
        .containsExactly("s1-d2", "s1-d1");
  }

  @Test
  void aPredictionPublishedToKafkaReachesAnOpenStreamAndTheRates() throws Exception {
    String token =
        Http.json(post("/v1/games/" + gameA + "/live/token", KEY_A)).path("token").asText();
    HttpClient client = HttpClient.newHttpClient();
    try (SseClient game =
            new SseClient(client, http.uri("/v1/games/" + gameA + "/live?token=" + token));
        SseClient session =
            new SseClient(
                client, http.uri("/v1/games/" + gameA + "/sessions/s1/live?token=" + token))) {
      assertThat(game.status()).isEqualTo(200);
      assertThat(game.contentType()).startsWith("text/event-stream");
      assertThat(session.status()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> session.received().contains("event: ready"));
      // A token of game A opens nothing of game B.
      assertProblem(http.get("/v1/games/" + gameB + "/live?token=" + token, null), 403);
      assertProblem(http.get("/v1/games/" + gameA + "/usage?token=" + token, null), 401);
      publish("live-prediction-1", "s1");
      publish("other-session-prediction", "s2");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(session.received()).contains("live-prediction-1");
                assertThat(game.received())
                    .contains("live-prediction-1", "other-session-prediction");
              });
      assertThat(session.received()).doesNotContain("other-session-prediction");
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              JsonNode rates = Http.json(http.get("/v1/games/" + gameA + "/rates", KEY_A));
              assertThat(rates.path("predictionsPerSecond").asDouble()).isPositive();
              assertThat(rates.path("emotionShares").path("calm").asDouble()).isEqualTo(1.0);
            });
  }

  @Test
  void thePageAndItsAssetsNeedNoKeyAndTheOpenApiDocumentListsTheNewPaths() {
    HttpResponse<String> page = http.get("/dashboard", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.body()).contains("/dashboard/assets/app.js");
    assertThat(http.get("/dashboard/assets/app.js", null).statusCode()).isEqualTo(200);
    assertThat(http.get("/dashboard/webjars/echarts/5.3.1/dist/echarts.min.js", null).statusCode())
        .isEqualTo(200);
    String doc = http.get("/openapi/empath-query-api-v1.yml", null).body();
    assertThat(doc)
        .contains(
            "/v1/games/{gameId}/sessions:",
            "/v1/games/{gameId}/sessions/{sessionId}/decisions",
            "/v1/games/{gameId}/live:",
            "/v1/games/{gameId}/live/token",
            "/v1/games/{gameId}/rates",
            "/v1/games/{gameId}/sessions/{sessionId}/live");
  }

  private static void publish(String predictionId, String session) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    EmotionPrediction p =
        EmotionPrediction.newBuilder()
            .setPredictionId(predictionId)
            .setGameId(gameA)
            .setPlayerId("player-" + session)
            .setSessionId(session)
            .setDominantEmotion("calm")
            .setConfidence(0.8f)
            .setTimestampMs(System.currentTimeMillis())
            .setValence(0.3f)
            .setArousal(0.2f)
            .putAllScores("calm", 0.8f)
            .build();
    try (var producer =
        new KafkaProducer<>(
            props,
            topics.emotion().keySerde().serializer(),
            topics.emotion().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.emotion().name(), session, p)).get();
    }
  }

  private static HttpResponse<String> post(String path, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(http.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build());
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("items").forEach(n -> out.add(n.path("sessionId").asText()));
    return out;
  }
}
