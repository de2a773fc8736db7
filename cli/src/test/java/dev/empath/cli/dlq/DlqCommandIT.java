package dev.empath.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.cli.CliRun;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.history.scan.KeyPartitions;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.deadletter.DeadLetterHeaders;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.character.Relationship;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.InteractionKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./empath dlq} against the live projector: dead letters listed with filters and shown
 * decoded; a redriven one is projected once, and a second redrive of it is refused.
 */
class DlqCommandIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final String GAME = "g-dlq";

  @Test
  void listsShowsAndRedrivesEachDeadLetterAtMostOnce() throws Exception {
    String prefix = kafka.uniqueName("dlq") + ".";
    TopicCatalog catalog = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(catalog.all());
    List<String> conn =
        List.of(
            "--bootstrap", kafka.bootstrapServers(),
            "--redis", redis.uri(),
            "--topic-prefix", prefix);
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                EmpathConfig.REDIS_URL, redis.uri(),
                EmpathConfig.TOPIC_PREFIX, prefix));
    ReadModel model = ReadModel.create(redis.client());
    CharacterInteraction valid = interaction();

    try (Producer<byte[], byte[]> producer = producer();
        ProjectorService projector =
            ProjectorService.start(
                config, catalog, ProjectorSettings.defaults(kafka.uniqueName("group")))) {
      // The projector rejects bytes that are no protobuf at all.
      producer.send(new ProducerRecord<>(catalog.interaction().name(), bytes("npc-1"), bytes("x")));
      // A valid record another component dead-lettered for a reason fixed since.
      producer.send(deadLetter(catalog, valid));
      producer.flush();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> CliRun.with(conn, "dlq", "list").outLines().size() == 3);

      CliRun list = CliRun.with(conn, "dlq", "list");
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.outLines().get(0)).startsWith("ID ").contains("REASON");
      String validId = idOf(CliRun.with(conn, "dlq", "list", "--component", "character-service"));
      String badId = idOf(CliRun.with(conn, "dlq", "list", "--component", "memory-projector"));
      assertThat(CliRun.with(conn, "dlq", "list", "--reason-contains", "SERVICE WAS DOWN").out())
          .contains(validId + " ")
          .doesNotContain(badId + " ");
      assertThat(CliRun.with(conn, "dlq", "list", "--since", "now").outLines()).hasSize(1);
      assertThat(CliRun.with(conn, "dlq", "list", "--limit", "1").outLines()).hasSize(2);

      CliRun show = CliRun.with(conn, "dlq", "show", validId);
      assertThat(show.exit()).as(show.err()).isZero();
      assertThat(show.out())
          .contains("component     character-service")
          .contains("reason        the character service was down")
          .contains("source        " + catalog.interaction().name() + "/")
          .contains("redriven      no")
          .contains("\"character_id\": \"npc-7\"");
      assertThat(CliRun.with(conn, "dlq", "show", badId).out())
          .contains("value         does not decode: ");
      CliRun bare = CliRun.with(conn, "dlq", "show", "0");
      assertThat(bare.exit()).isEqualTo(2);
      assertThat(bare.err()).contains("has 3 partitions: give PARTITION:OFFSET").hasLineCount(1);

      CliRun redrive = CliRun.with(conn, "dlq", "redrive", validId);
      assertThat(redrive.exit()).as(redrive.err()).isZero();
      assertThat(redrive.out())
          .startsWith("redriven " + validId + " -> " + catalog.interaction().name() + "/")
          .contains("1 dead letters redriven, 0 skipped");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> model.characters().relationship(GAME, "npc-7", "p-7").isPresent());

      CliRun again = CliRun.with(conn, "dlq", "redrive", validId);
      assertThat(again.exit()).isEqualTo(2);
      assertThat(again.err())
          .startsWith("empath redrive: dead letter " + validId + " was redriven already at ")
          .hasLineCount(1);
      CliRun byFilter = CliRun.with(conn, "dlq", "redrive", "--component", "character-service");
      assertThat(byFilter.out()).contains("0 dead letters redriven, 1 skipped");
      assertThat(CliRun.with(conn, "dlq", "list").out()).contains("[redriven]");
      assertThat(CliRun.with(conn, "dlq", "show", validId).out()).contains("redriven      yes at ");

      // Redriving the undecodable one: it fails again, and its new dead letter says where from.
      assertThat(CliRun.with(conn, "dlq", "redrive", badId).exit()).isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> CliRun.with(conn, "dlq", "list").outLines().size() == 4);
      String failedAgain =
          CliRun.with(conn, "dlq", "list", "--component", "memory-projector").outLines().stream()
              .skip(1)
              .map(l -> l.split(" ")[0])
              .filter(id -> !id.equals(badId))
              .findFirst()
              .orElseThrow();
      assertThat(CliRun.with(conn, "dlq", "show", failedAgain).out())
          .contains(
              "failed again  redriven from "
                  + catalog.deadLetter().name()
                  + "/"
                  + badId.replace(':', '/'));

      // Processed once: one interaction folded, however often redrive was asked.
      Relationship r = model.characters().relationship(GAME, "npc-7", "p-7").orElseThrow();
      assertThat(r.interactions()).isEqualTo(1);
      assertThat(projector.stats().projected()).isEqualTo(1);
    }
  }

  private static String idOf(CliRun list) {
    assertThat(list.outLines()).as(list.out()).hasSize(2);
    return list.outLines().get(1).split(" ")[0];
  }

  private static CharacterInteraction interaction() {
    return CharacterInteraction.newBuilder()
        .setEventId("i-redrive")
        .setGameId(GAME)
        .setPlayerId("p-7")
        .setSessionId("s-7")
        .setCharacterId("npc-7")
        .setTimestampMs(System.currentTimeMillis())
        .setKind(InteractionKind.forNumber(1))
        .setImpact(0.5f)
        .setSummary("helped with the gate")
        .build();
  }

  /** As a component would have written it: the original bytes, the reason in headers. */
  private static ProducerRecord<byte[], byte[]> deadLetter(
      TopicCatalog catalog, CharacterInteraction valid) {
    byte[] key = bytes("npc-7");
    int partition = KeyPartitions.of(key, catalog.interaction().partitions());
    ProducerRecord<byte[], byte[]> letter =
        DeadLetters.record(
            catalog.deadLetter().name(),
            new DeadLetters.Source(catalog.interaction().name(), partition, 0),
            key,
            valid.toByteArray(),
            new IllegalStateException("the character service was down"),
            "character-service",
            System.currentTimeMillis());
    assertThat(letter.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC)).isNotNull();
    return letter;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Producer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
