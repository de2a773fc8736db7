package dev.empath.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.empath.cli.demo.ApiClient;
import dev.empath.cli.demo.Playback;
import dev.empath.cli.stack.LocalStack;
import dev.empath.cli.stack.StackOptions;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.simulator.InteractionSimulator;
import dev.empath.simulator.TelemetryPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in one process, as {@code ./empath up} runs it: simulated sessions go in as
 * Kafka records, and predictions, narrative decisions, generated lines and character memories come
 * out of the HTTP API; malformed records end on the dead-letter topic.
 */
class EndToEndIT {

  private static final String GAME = "e2e-game";
  private static final String KEY = "e2e-key";

  @TempDir static Path dataDir;
  private static LocalStack stack;
  private static ApiClient api;
  private static Playback playback;

  @BeforeAll
  static void startStackAndPlay() throws Exception {
    stack = LocalStack.start(new StackOptions(0, 0, 0, KEY, Set.of(GAME), dataDir, true));
    assertThat(stack.awaitRunning(Duration.ofSeconds(90))).isTrue();
    api = new ApiClient(stack.apiUrl(), KEY);
    // Real time, as a game publishes: generation requests carry deadlines derived from event time,
    // so replayed old events would (rightly) get only "deadline exceeded" answers.
    playback = Playback.plan(GAME, 6, Duration.ofSeconds(20), System.currentTimeMillis(), 3);
    try (TelemetryPublisher publisher =
        new TelemetryPublisher(
            KafkaClientConfigs.producer(stack.config(), "e2e"), stack.topics())) {
      playback.play(publisher);
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everySessionGetsAnEmotionAndANarrativeDecisionOverHttp() {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String session : playback.sessions()) {
                JsonNode emotion = api.emotion(GAME, session).orElseThrow();
                assertThat(emotion.path("dominantEmotion").asText()).isNotBlank();
                assertThat(emotion.path("confidence").asDouble()).isBetween(0.0, 1.0);
                JsonNode narrative = api.narrative(GAME, session).orElseThrow();
                assertThat(narrative.path("policyVersion").asText()).isNotBlank();
                assertThat(narrative.path("phase").asText()).isNotBlank();
              }
            });
  }

  @Test
  void charactersRememberPlayersAndWhatTheySaid() {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              long memories = 0;
              long lines = 0;
              for (String character : InteractionSimulator.CHARACTERS) {
                lines +=
                    api.character(GAME, character).map(c -> c.path("recentLines").size()).orElse(0);
                for (int p = 0; p < 6; p++) {
                  memories +=
                      api.relationship(GAME, character, "player-" + p)
                          .map(r -> r.path("memories").size())
                          .orElse(0);
                }
              }
              assertThat(memories).as("memories across characters and players").isPositive();
              assertThat(lines)
                  .as(() -> "generated lines characters said; results: " + resultStatuses())
                  .isPositive();
            });
  }

  private static java.util.Map<String, Long> resultStatuses() {
    java.util.Map<String, Long> statuses = new java.util.TreeMap<>();
    var results = stack.topics().generationResult();
    try (var reader =
        TopicReader.open(
            KafkaClientConfigs.consumer(stack.config(), "e2e-results-" + System.nanoTime(), "e2e"),
            results.name(),
            results.keySerde().deserializer(),
            results.valueSerde().deserializer())) {
      for (var result : reader.readToEnd().values()) {
        statuses.merge(
            result.getStatus() + " char=" + result.getCharacterId() + " " + result.getReason(),
            1L,
            Long::sum);
      }
    }
    return statuses;
  }

  @Test
  void anotherGamesDataIsForbidden() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> api.emotion("other-game", playback.sessions().get(0))))
        .hasMessageContaining("403");
  }

  @Test
  void malformedRecordsLandOnTheDeadLetterTopicWithReasons() {
    byte[] garbage = HexFormat.of().parseHex("ffffffff");
    String topic = stack.topics().behavior().name();
    try (var producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(stack.config(), "e2e-bad"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(topic, "bad-session".getBytes(StandardCharsets.UTF_8), garbage));
    }
    List<DeadLetterRecord> letters;
    try (var reader =
        TopicReader.openRaw(
            KafkaClientConfigs.consumer(stack.config(), "e2e-dlq-reader", "e2e-dlq"),
            stack.topics().deadLetter().name())) {
      letters =
          reader
              .readUntil(
                  read ->
                      read.stream()
                          .map(DeadLetters::read)
                          .anyMatch(
                              l ->
                                  java.util.Arrays.equals(
                                      l.getOriginalValue().toByteArray(), garbage)))
              .records()
              .stream()
              .map(DeadLetters::read)
              .toList();
    }
    DeadLetterRecord letter =
        letters.stream()
            .filter(l -> java.util.Arrays.equals(l.getOriginalValue().toByteArray(), garbage))
            .findFirst()
            .orElseThrow();
    assertThat(letter.getSourceTopic()).isEqualTo(topic);
    assertThat(letter.getReason()).contains("undecodable");
  }
}
