package dev.empath.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.cli.demo.ApiClient;
import dev.empath.cli.demo.Playback;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionContext;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.simulator.TelemetryPublisher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./empath up} as its own process, configured the way a user configures it (a file named by
 * {@code EMPATH_CONFIG_FILE}, environment variables): it answers through the provider the file
 * names, serves every worker's operations endpoint, and after a SIGKILL starts again on the same
 * data directory with nothing lost.
 */
@TestMethodOrder(OrderAnnotation.class)
class UpProcessIT {

  private static final String GAME = "up-game";
  private static final String KEY = "up-key";
  private static final String LINE = "The ferryman nods and points to the far shore.";
  private static final List<String> WORKERS =
      List.of("stream-emotion", "stream-narrative", "llm-worker", "memory-projector");

  @TempDir static Path dir;
  private static FakeOpenAi provider;
  private static Map<String, String> env;
  private static String[] args;
  private static UpProcess up;
  private static String bootstrap;

  @BeforeAll
  static void startUpWithAProviderFromConfiguration() throws IOException, InterruptedException {
    provider = new FakeOpenAi(LINE);
    Path config = dir.resolve("empath.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "empath.llm.providers=fake",
            "empath.llm.provider.fake.type=openai",
            "empath.llm.provider.fake.url=" + provider.baseUrl(),
            "empath.llm.provider.fake.model=fake-model",
            "empath.llm.provider.fake.key.env=FAKE_PROVIDER_KEY",
            ""));
    env =
        Map.of(
            "EMPATH_CONFIG_FILE",
            config.toString(),
            "FAKE_PROVIDER_KEY",
            "sk-fake",
            "EMPATH_API_KEY",
            KEY);
    int kafkaPort = freePort();
    bootstrap = "127.0.0.1:" + kafkaPort;
    args =
        new String[] {
          "--kafka-port", String.valueOf(kafkaPort),
          "--redis-port", String.valueOf(freePort()),
          "--api-port", String.valueOf(freePort()),
          "--ops-port", "0",
          "--data-dir", dir.resolve("data").toString()
        };
    up = UpProcess.start(env, args);
    Duration started = up.awaitReady(Duration.ofSeconds(120));
    System.out.println("empath up ready after " + started.toMillis() + " ms (clean start)");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (up != null) {
      up.stop();
    }
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  @Order(1)
  void answersAGenerationRequestThroughTheProviderNamedOnlyInConfiguration() {
    TopicCatalog topics = TopicCatalog.standard();
    long now = System.currentTimeMillis();
    GenerationRequest request =
        GenerationRequest.newBuilder()
            .setRequestId("up-request-1")
            .setGameId(GAME)
            .setSessionId("up-session")
            .setPlayerId("up-player")
            .setCharacterId("ferryman")
            .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
            .setTone("calm")
            .setEmotion(EmotionContext.newBuilder().setDominantEmotion("calm").setConfidence(0.6f))
            .setMaxTokens(40)
            .setCreatedAtMs(now)
            .setDeadlineMs(now + 30_000)
            .build();
    try (KafkaProducer<String, GenerationRequest> producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(config(), "up-it"),
            new StringSerializer(),
            topics.generationRequest().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.generationRequest().name(), "up-session", request));
    }

    GenerationResult result = awaitResult(topics, "up-request-1");
    assertThat(result.getText()).isEqualTo(LINE);
    assertThat(result.getProvider()).isEqualTo("fake");
    assertThat(provider.authorizations()).contains("Bearer sk-fake");
  }

  @Test
  @Order(2)
  void everyWorkerServesMetricsAndHealthOnItsOwnPort() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String worker : WORKERS) {
      int port = up.opsPort(worker).orElseThrow(() -> new AssertionError("no port for " + worker));
      HttpResponse<String> metrics = get(http, port, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("service=\"" + worker + "\"");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(get(http, port, "/health").statusCode()).isEqualTo(200));
    }
  }

  @Test
  @Order(3)
  void aStackKilledWithSigkillStartsAgainOnItsDataDirectoryWithNothingLost() throws Exception {
    ApiClient api = new ApiClient(apiUrl(), KEY);
    Playback before = play(api, 4, 11);

    long redisPid =
        Long.parseLong(Files.readString(dir.resolve("data/redis/redis-server.pid")).trim());
    up.killHard();
    assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive))
        .as("SIGKILL leaves the stack's redis-server running")
        .contains(true);

    up = UpProcess.start(env, args);
    Duration restarted = up.awaitReady(Duration.ofSeconds(120));
    System.out.println("empath up ready after " + restarted.toMillis() + " ms (after SIGKILL)");
    assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive))
        .as("the orphaned redis-server was stopped")
        .isNotEqualTo(Optional.of(true));

    for (String session : before.sessions()) {
      assertThat(api.emotion(GAME, session))
          .as("projected before the crash: " + session)
          .isPresent();
    }
    play(api, 3, 12);
  }

  /** Plays sessions and waits until each one's emotion is served over HTTP. */
  private static Playback play(ApiClient api, int players, long seed) throws Exception {
    Playback playback =
        Playback.plan(GAME, players, Duration.ofSeconds(8), System.currentTimeMillis(), seed);
    try (TelemetryPublisher publisher =
        new TelemetryPublisher(
            KafkaClientConfigs.producer(config(), "up-it-play"), TopicCatalog.standard())) {
      playback.play(publisher);
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (String session : playback.sessions()) {
                assertThat(api.emotion(GAME, session)).as(session).isPresent();
              }
            });
    return playback;
  }

  private static GenerationResult awaitResult(TopicCatalog topics, String requestId) {
    List<GenerationResult> seen = new ArrayList<>();
    try (KafkaConsumer<String, GenerationResult> consumer =
        new KafkaConsumer<>(
            KafkaClientConfigs.consumer(config(), "up-it-results-" + System.nanoTime(), "up-it"),
            new StringDeserializer(),
            topics.generationResult().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.generationResult().name()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, GenerationResult> r :
                    consumer.poll(Duration.ofMillis(200))) {
                  seen.add(r.value());
                }
                return seen.stream().anyMatch(r -> r.getRequestId().equals(requestId));
              });
    }
    return seen.stream().filter(r -> r.getRequestId().equals(requestId)).findFirst().orElseThrow();
  }

  private static EmpathConfig config() {
    return EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrap));
  }

  private static String apiUrl() {
    return "http://127.0.0.1:" + args[5];
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
