package dev.empath.query.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.query.auth.KeyHash;
import dev.empath.schemas.serde.InvalidRecordException;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import dev.empath.schemas.v1.PlayerBehaviorData;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The story endpoint of the real service against a real broker, records written with the serdes.
 */
class StoryApiIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final String KEY_A = "story-key-a";
  static final String KEY_B = "story-key-b";

  /** An hour ago: inside the default window of 24 h. */
  static final long T0 = System.currentTimeMillis() / 1000 * 1000 - 3_600_000L;

  static final int BEHAVIOURS = 10;
  static final int NARRATIVES = 5;

  /** Behaviour and emotion each, the narratives, one dead letter, one undecodable record. */
  static final int ENTRIES = 2 * BEHAVIOURS + NARRATIVES + 2;

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  static EmbeddedServer server;
  static TopicCatalog catalog;

  @BeforeAll
  static void start() throws Exception {
    String prefix = kafka.uniqueName("story-api") + ".";
    catalog = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(catalog.all());
    writeStory();
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
                "empath.api.keys." + KeyHash.sha256Hex(KEY_A),
                "ga",
                "empath.api.keys." + KeyHash.sha256Hex(KEY_B),
                "gb",
                "empath.api.rate-limit-per-second",
                100_000,
                "empath.api.rate-limit-burst",
                100_000));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
  }

  /** Ties between behaviour and emotion at the same millisecond, written in reverse topic order. */
  static void writeStory() throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < BEHAVIOURS; i++) {
        long ts = T0 + i * 1000L;
        send(producer, catalog.emotion(), ts, emotion(ts));
        send(producer, catalog.behavior(), ts, behaviour(ts));
        // Another game's session of the same id shares the partition: never in this story.
        send(producer, catalog.behavior(), ts, behaviour(ts).toBuilder().setGameId("gb").build());
      }
      for (int i = 0; i < NARRATIVES; i++) {
        long ts = T0 + i * 2000L + 500;
        send(producer, catalog.narrative(), ts, narrative(ts));
      }
      producer
          .send(
              new ProducerRecord<>(
                  catalog.emotion().name(), null, T0 + 700, key(), new byte[] {0x0A, 0x7F}))
          .get();
      ProducerRecord<byte[], byte[]> letter =
          DeadLetters.record(
              catalog.deadLetter().name(),
              new DeadLetters.Source(catalog.behavior().name(), 1, 3),
              key(),
              new byte[] {0x12},
              new InvalidRecordException(
                  "empath.v1.PlayerBehaviorData", List.of("event_id missing")),
              "stream-emotion",
              T0 + 3300);
      producer
          .send(
              new ProducerRecord<>(
                  letter.topic(), null, T0 + 3300, letter.key(), letter.value(), letter.headers()))
          .get();
    }
  }

  @Test
  void aPageHoldsTheStoryInTimeOrderWithWhatEachRecordSaid() {
    JsonNode page = json(get(story("s1", "limit=500"), KEY_A), 200);
    JsonNode items = page.path("items");
    assertThat(items.size()).isEqualTo(ENTRIES);
    assertThat(page.has("nextCursor")).isFalse();
    assertThat(items.get(0).path("source").asText()).isEqualTo("behaviour");
    assertThat(items.get(1).path("source").asText()).isEqualTo("emotion");
    assertThat(items.get(2).path("source").asText()).isEqualTo("narrative");
    assertThat(items.get(3).path("kind").asText()).isEqualTo("undecodable");
    long previous = Long.MIN_VALUE;
    for (JsonNode item : items) {
      assertThat(item.path("timestampMs").asLong()).isGreaterThanOrEqualTo(previous);
      previous = item.path("timestampMs").asLong();
    }
    JsonNode emotion = items.get(1).path("fields");
    assertThat(emotion.path("dominantEmotion").asText()).isEqualTo("joy");
    assertThat(emotion.path("confidence").asDouble()).isEqualTo(0.6);
    assertThat(emotion.path("scores").path("joy").asDouble()).isEqualTo(0.6);
    JsonNode narrative = items.get(2).path("fields");
    assertThat(narrative.path("phase").asText()).isEqualTo("build-up");
    assertThat(narrative.path("phaseChanged").asBoolean()).isTrue();
    assertThat(items.findValuesAsText("source")).contains("dead-letter");
  }

  @Test
  void cursorsCoverEveryEntryExactlyOnce() {
    List<String> all = new ArrayList<>();
    json(get(story("s1", "limit=500"), KEY_A), 200)
        .path("items")
        .forEach(i -> all.add(identity(i)));

    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String query = "limit=4" + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonNode page = json(get(story("s1", query), KEY_A), 200);
      assertThat(page.path("items").size()).isBetween(1, 4);
      page.path("items").forEach(i -> paged.add(identity(i)));
      cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 50);

    assertThat(pages).isEqualTo((ENTRIES + 3) / 4);
    assertThat(paged).containsExactlyElementsOf(all);
    Set<String> unique = new HashSet<>(paged);
    assertThat(unique).hasSize(ENTRIES);
  }

  @Test
  void aRangeLimitsTheStory() {
    String query =
        "from="
            + (T0 + 2000)
            + "&to="
            + encode(java.time.Instant.ofEpochMilli(T0 + 4000).toString());
    JsonNode items = json(get(story("s1", query), KEY_A), 200).path("items");
    // behaviour+emotion at 2000, 3000, 4000; narratives at 2500, 4500 -> 2500 only; dead letter
    // 3300
    assertThat(items.size()).isEqualTo(8);
  }

  @Test
  void withoutKeyOrWithAWrongKeyIs401() {
    assertProblem(get(story("s1", ""), null), 401);
    assertProblem(get(story("s1", ""), "not-a-key"), 401);
  }

  @Test
  void anotherGamesKeyIs403() {
    assertProblem(get(story("s1", ""), KEY_B), 403);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "from=yesterday|from",
        "to=12-12-2026|to",
        "from=2000&to=1000|from must not be after to",
        "from=0|at most 7 days apart",
        "limit=0|limit",
        "limit=501|limit",
        "limit=many|limit",
        "cursor=not-a-cursor|cursor"
      })
  void badParametersAre400(String query, String named) {
    HttpResponse<String> r = get(story("s1", query), KEY_A);
    assertProblem(r, 400);
    assertThat(json(r, 400).path("detail").asText()).contains(named);
  }

  @Test
  void anUnknownSessionIs404() {
    HttpResponse<String> r = get(story("nobody", ""), KEY_A);
    assertProblem(r, 404);
    assertThat(json(r, 404).path("detail").asText()).contains("no records of this session");
  }

  @Test
  void theOpenApiDocumentDescribesTheStory() {
    HttpResponse<String> r = get("/openapi/empath-query-api-v1.yml", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("/v1/games/{gameId}/sessions/{sessionId}/story")
        .contains("cursor");
  }

  private static String identity(JsonNode item) {
    return item.path("source").asText() + "@" + item.path("offset").asLong();
  }

  private static String story(String session, String query) {
    return "/v1/games/ga/sessions/" + session + "/story" + (query.isEmpty() ? "" : "?" + query);
  }

  private static HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURI() + path)).GET();
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] key() {
    return "s1".getBytes(StandardCharsets.UTF_8);
  }

  private static <V> void send(
      KafkaProducer<byte[], byte[]> producer, TopicSpec<String, V> topic, long ts, V value)
      throws InterruptedException, ExecutionException {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), null, ts, key(), bytes)).get();
  }

  private static PlayerBehaviorData behaviour(long ts) {
    return PlayerBehaviorData.newBuilder()
        .setEventId("b-" + ts)
        .setGameId("ga")
        .setPlayerId("p1")
        .setSessionId("s1")
        .setTimestampMs(ts)
        .setActionFrequency(30)
        .addRecentChoices(2)
        .build();
  }

  private static EmotionPrediction emotion(long ts) {
    return EmotionPrediction.newBuilder()
        .setPredictionId("e-" + ts)
        .setGameId("ga")
        .setPlayerId("p1")
        .setSessionId("s1")
        .setTimestampMs(ts)
        .setDominantEmotion("joy")
        .setConfidence(0.6f)
        .putAllScores("joy", 0.6f)
        .putAllScores("calm", 0.4f)
        .setValence(0.5f)
        .setArousal(0.4f)
        .setModelVersion("m1")
        .setEventsSeen(3)
        .build();
  }

  private static NarrativeDecision narrative(long ts) {
    return NarrativeDecision.newBuilder()
        .setDecisionId("n-" + ts)
        .setGameId("ga")
        .setPlayerId("p1")
        .setSessionId("s1")
        .setTimestampMs(ts)
        .setPhase(PacingPhase.PACING_PHASE_BUILD_UP)
        .setPhaseSinceMs(ts)
        .setIntensity(0.3f)
        .setDialogueTone("neutral")
        .setPolicyVersion("p-1")
        .build();
  }
}
