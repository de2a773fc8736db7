package dev.empath.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.empath.cli.state.ViewJson;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.query.Application;
import dev.empath.query.auth.KeyHash;
import dev.empath.query.character.CharacterView;
import dev.empath.query.character.RelationshipView;
import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import dev.empath.readmodel.character.CharacterReader;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.session.SessionReader;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./empath state --at T} against the API's {@code asOf=T}: a running projector folds the
 * topics into Redis, query-api answers from the histories it keeps, and the command folds the
 * topics itself. Both must print the same JSON wherever both can answer.
 */
class StateIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final String GAME = "g1";
  static final String KEY = "state-key";
  static final long MIN = 60_000;
  static final int EVENTS = 8;

  /** Kept per history: the first interactions and decisions fall out of what the API sees. */
  static final int CAP = 5;

  /** Events from a day ago, 20 minutes apart: moods decay between them, and after. */
  static final long T0 = System.currentTimeMillis() - 24 * 60 * MIN;

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient client = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static String prefix;
  static Path configFile;
  static ProjectorService projector;
  static EmbeddedServer api;

  @BeforeAll
  static void start() throws IOException {
    prefix = kafka.uniqueName("state") + ".";
    Properties props = new Properties();
    props.setProperty("empath.projector.history.cap", Integer.toString(CAP));
    props.setProperty("empath.projector.timeline.cap", Integer.toString(CAP));
    configFile = dir.resolve("empath.properties");
    try (var out = Files.newBufferedWriter(configFile)) {
      props.store(out, null);
    }
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.REDIS_URL,
                redis.uri(),
                EmpathConfig.TOPIC_PREFIX,
                prefix,
                "empath.projector.history.cap",
                Integer.toString(CAP),
                "empath.projector.timeline.cap",
                Integer.toString(CAP)));
    TopicCatalog catalog = TopicCatalog.withPrefix(prefix);
    projector =
        ProjectorService.start(
            config, catalog, ProjectorSettings.from(config).withGroupId(prefix + "projector"));
    produce(catalog);
    Map<String, Object> apiProps = new HashMap<>();
    apiProps.put("micronaut.server.port", -1);
    apiProps.put("redis.url", redis.uri());
    apiProps.put("empath.read-model.version-cache-ms", 0);
    apiProps.put("empath.api.keys." + KeyHash.sha256Hex(KEY), GAME);
    api =
        ApplicationContext.builder(Application.class)
            .properties(apiProps)
            .start()
            .getBean(EmbeddedServer.class);
    api.start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                http("/characters/smith").path("interactions").asLong() == EVENTS
                    && http("/characters/smith").path("recentLines").size() == 5
                    && http("/sessions/s1/narrative").path("decisionId").asText().equals("d7")
                    && http("/sessions/s1/emotion").path("predictionId").asText().equals("x7"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.getApplicationContext().close();
    }
    if (projector != null) {
      projector.close();
    }
  }

  /** Moments between events, on events, and long after the last (moods have decayed). */
  static List<Long> moments() {
    return List.of(at(4) + 7 * MIN, at(5), at(6) + 19 * MIN, at(7) + 1, at(7) + 5 * 60 * MIN);
  }

  @Test
  void stateAtAMomentEqualsTheApisAsOfAnswer() {
    for (long t : moments()) {
      assertThat(state("--character", "smith", "--at", Long.toString(t)))
          .as("character at %s", Instant.ofEpochMilli(t))
          .isEqualTo(http("/characters/smith?asOf=" + t));
      assertThat(state("--character", "smith", "--player", "p1", "--at", Long.toString(t)))
          .as("relationship at %s", Instant.ofEpochMilli(t))
          .isEqualTo(http("/characters/smith/players/p1?asOf=" + t));
      JsonNode session = state("--session", "s1", "--at", Long.toString(t));
      assertThat(session.path("emotion")).isEqualTo(http("/sessions/s1/emotion?asOf=" + t));
      assertThat(session.path("narrative")).isEqualTo(http("/sessions/s1/narrative?asOf=" + t));
    }
  }

  @Test
  void stateAtNowEqualsTheLiveState() {
    long now = System.currentTimeMillis();
    String at = Long.toString(now);
    JsonNode character = state("--character", "smith", "--at", at);
    JsonNode relationship = state("--character", "smith", "--player", "p1", "--at", at);
    JsonNode session = state("--session", "s1", "--at", at);
    // The live readers, decayed and ranked as of the same instant.
    var versions = new ActiveVersion(redis.client(), 0);
    CharacterReader live = new CharacterReader(redis.client(), versions, () -> now);
    SessionReader sessions = new SessionReader(redis.client(), versions);
    assertThat(character)
        .isEqualTo(
            ViewJson.tree(
                CharacterView.of(
                    live.state(GAME, "smith").orElseThrow(), live.spokenLines(GAME, "smith", 5))));
    assertThat(relationship)
        .isEqualTo(
            ViewJson.tree(
                RelationshipView.of(
                    live.relationship(GAME, "smith", "p1").orElseThrow(),
                    live.topMemories(GAME, "smith", "p1", 10))));
    assertThat(session.path("emotion"))
        .isEqualTo(ViewJson.tree(EmotionView.of(sessions.latestEmotion(GAME, "s1").orElseThrow())));
    assertThat(session.path("narrative"))
        .isEqualTo(
            ViewJson.tree(NarrativeView.of(sessions.latestNarrative(GAME, "s1").orElseThrow())));
    // The plain endpoints decay to their own now: equal but for the decayed values.
    assertThat(withoutDecayed(character)).isEqualTo(withoutDecayed(http("/characters/smith")));
    assertThat(session.path("emotion")).isEqualTo(http("/sessions/s1/emotion"));
  }

  @Test
  void beforeWhatTheApiKeepsIsA404NamingTheCommandWhichAnswers() {
    long t = at(1) + MIN;
    HttpResponse<String> r = get("/characters/smith?asOf=" + t);
    assertThat(r.statusCode()).isEqualTo(404);
    String detail = json(r.body()).path("detail").asText();
    String command = "./empath state --game " + GAME + " --character smith --at ";
    assertThat(detail).contains(command).contains("can see back to");
    JsonNode answer = state("--character", "smith", "--at", Instant.ofEpochMilli(t).toString());
    assertThat(answer.path("interactions").asLong()).isEqualTo(2);
    assertThat(answer.path("updatedAtMs").asLong()).isEqualTo(at(1));
  }

  @Test
  void anAsOfInTheFutureIs400() {
    HttpResponse<String> r = get("/characters/smith?asOf=" + (System.currentTimeMillis() + MIN));
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void anUnknownCharacterOrAFutureMomentIsOneLineAndExitCode2() {
    Run unknown = run("--character", "nobody", "--at", "now");
    assertThat(unknown.exit).isEqualTo(2);
    assertThat(unknown.err.strip())
        .startsWith("empath state: no interaction with character nobody");
    assertThat(unknown.err.strip().lines()).hasSize(1);
    Run future = run("--session", "s1", "--at", Long.toString(System.currentTimeMillis() + MIN));
    assertThat(future.exit).isEqualTo(2);
    assertThat(future.err).contains("is in the future");
    Run both = run("--session", "s1", "--character", "smith", "--at", "now");
    assertThat(both.exit).isEqualTo(2);
  }

  @Test
  void aRecordThatDoesNotDecodeIsCountedAndSkipped() {
    Run run = run("--session", "s1", "--at", "now");
    assertThat(run.exit).isZero();
    assertThat(run.err).contains("skipped 1 records that do not decode");
  }

  static void produce(TopicCatalog catalog) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    props.put("acks", "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < EVENTS; i++) {
        long t = at(i);
        String player = i % 3 == 2 ? "p2" : "p1";
        send(
            producer,
            catalog.interaction().name(),
            "smith",
            t,
            CharacterInteraction.newBuilder()
                .setEventId("i" + i)
                .setGameId(GAME)
                .setPlayerId(player)
                .setSessionId("s1")
                .setCharacterId("smith")
                .setTimestampMs(t)
                .setKind(InteractionKind.forNumber(1 + i % 8))
                .setImpact(i % 2 == 0 ? 0.6f : -0.4f)
                .setSummary("interaction " + i)
                .build()
                .toByteArray());
        send(
            producer,
            catalog.emotion().name(),
            "s1",
            t + 1,
            EmotionPrediction.newBuilder()
                .setPredictionId("x" + i)
                .setGameId(GAME)
                .setPlayerId("p1")
                .setSessionId("s1")
                .setTimestampMs(t + 1)
                .setDominantEmotion(i % 2 == 0 ? "joy" : "frustration")
                .setConfidence(0.5f + i / 100f)
                .putAllScores("joy", 0.4f)
                .putAllScores("frustration", 0.6f)
                .setEventsSeen(i)
                .build()
                .toByteArray());
        send(
            producer,
            catalog.narrative().name(),
            "s1",
            t + 2,
            NarrativeDecision.newBuilder()
                .setDecisionId("d" + i)
                .setGameId(GAME)
                .setPlayerId("p1")
                .setSessionId("s1")
                .setTimestampMs(t + 2)
                .setPhase(PacingPhase.forNumber(1 + i % 4))
                .setIntensity(0.1f * i)
                .setPolicyVersion("v1")
                .build()
                .toByteArray());
        send(
            producer,
            catalog.generationResult().name(),
            "session-" + i,
            t + 3,
            GenerationResult.newBuilder()
                .setRequestId("r" + i)
                .setGameId(GAME)
                .setSessionId("session-" + i)
                .setPlayerId(player)
                .setCharacterId("smith")
                .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
                .setStatus(GenerationStatus.GENERATION_STATUS_SUCCEEDED)
                .setText("line " + i)
                .setProvider("offline")
                .setModel("templates")
                .setCompletedAtMs(t + 3)
                .build()
                .toByteArray());
      }
      // Not protobuf: the projector dead-letters it, the command counts and skips it.
      send(producer, catalog.emotion().name(), "s1", at(3), new byte[] {0, 1, 2});
      producer.flush();
    }
  }

  static void send(
      KafkaProducer<String, byte[]> producer, String topic, String key, long ts, byte[] value) {
    producer.send(new ProducerRecord<>(topic, null, ts, key, value));
  }

  static long at(int i) {
    return T0 + i * 20 * MIN;
  }

  static JsonNode withoutDecayed(JsonNode character) {
    ObjectNode copy = character.deepCopy();
    copy.remove(List.of("mood", "tension"));
    return copy;
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = EmpathCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 9];
    full[0] = "state";
    full[1] = "--game";
    full[2] = GAME;
    full[3] = "--bootstrap";
    full[4] = kafka.bootstrapServers();
    full[5] = "--topic-prefix";
    full[6] = prefix;
    full[7] = "--config";
    full[8] = configFile.toString();
    System.arraycopy(args, 0, full, 9, args.length);
    int exit = cli.execute(full);
    return new Run(exit, out.toString(), err.toString());
  }

  static JsonNode state(String... args) {
    Run run = run(args);
    assertThat(run.exit).as(run.err).isZero();
    return json(run.out);
  }

  static JsonNode http(String path) {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json(r.body());
  }

  static HttpResponse<String> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(api.getURI().resolve("/v1/games/" + GAME + path))
            .header("Authorization", "Bearer " + KEY)
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(body, e);
    }
  }
}
