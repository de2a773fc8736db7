package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.projector.app.ProjectorService;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.EmotionPrediction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Malformed and invalid records go to the dead-letter topic; the records around them project. */
class DeadLetterIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void badRecordsAreDeadLetteredAndTheRestProjected() throws Exception {
    RedisClient client = redis.client();
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis);
        ProjectorService projector = fixture.startProjector()) {
      SimpleMeterRegistry metrics = new SimpleMeterRegistry();
      AutoCloseable meters = projector.bindMetrics(metrics);
      String topic = fixture.catalog.emotion().name();
      // One session key: all on one partition, in this order.
      for (int i = 0; i < 10; i++) {
        if (i == 3) {
          fixture.sendRaw(topic, "s-bad", new byte[] {0, 0, 0, 0, 1, 9, 9}); // broken framing
        } else if (i == 6) {
          // decodes, but breaks the contract: no ids
          fixture.sendRaw(
              topic,
              "s-bad",
              EmotionPrediction.newBuilder().setDominantEmotion("joy").build().toByteArray());
        } else {
          fixture.send(fixture.catalog.emotion(), "s-bad", emotion(i));
        }
      }
      fixture.producer.flush();
      fixture.awaitCaughtUp(client, new Keyspace(1));

      ReadModel readers = ReadModel.create(client);
      assertThat(readers.sessions().timelineSize("game-0", "s-bad")).isEqualTo(8);
      assertThat(readers.sessions().latestEmotion("game-0", "s-bad").orElseThrow().predictionId())
          .isEqualTo("x9");
      assertThat(projector.stats().deadLettered()).isEqualTo(2);
      // The same counts as metrics, beside the consumer's own (lag among them). Micrometer holds a
      // function counter's state weakly: after a collection the counters must still count.
      System.gc();
      assertThat(metrics.get("empath.projector.events").functionCounter().count()).isEqualTo(8);
      assertThat(metrics.get("empath.projector.dead.lettered").functionCounter().count())
          .isEqualTo(2);
      assertThat(metrics.getMeters())
          .anySatisfy(m -> assertThat(m.getId().getName()).startsWith("kafka.consumer."));
      meters.close();

      List<DeadLetterRecord> dead = readDeadLetters(fixture, 2);
      assertThat(dead).extracting(DeadLetterRecord::getSourceTopic).containsOnly(topic);
      assertThat(dead).extracting(DeadLetterRecord::getComponent).containsOnly("memory-projector");
      assertThat(dead).allSatisfy(d -> assertThat(d.getReason()).isNotBlank());
      long first = dead.get(0).getSourceOffset();
      assertThat(dead.get(1).getSourceOffset()).isEqualTo(first + 3);
    }
  }

  @Test
  void aBadRecordReadAgainByTheNextIncarnationIsDeadLetteredOnce() throws Exception {
    RedisClient client = redis.client();
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis)) {
      String topic = fixture.catalog.emotion().name();
      fixture.send(fixture.catalog.emotion(), "s-bad", emotion(0));
      fixture.sendRaw(topic, "s-bad", new byte[] {0, 0, 0, 0, 1, 9, 9});
      fixture.send(fixture.catalog.emotion(), "s-bad", emotion(1));
      fixture.producer.flush();
      try (ProjectorService first = fixture.startProjector()) {
        fixture.awaitCaughtUp(client, new Keyspace(1));
      }
      // Redis loses everything: the next projector reads every record again, the bad one too.
      client.flushAll();
      try (ProjectorService second = fixture.startProjector()) {
        fixture.awaitCaughtUp(client, new Keyspace(1));
      }

      assertThat(readToEnd(fixture))
          .singleElement()
          .satisfies(d -> assertThat(d.getSourceTopic()).isEqualTo(topic));
    }
  }

  private static EmotionPrediction emotion(int i) {
    return EmotionPrediction.newBuilder()
        .setPredictionId("x" + i)
        .setGameId("game-0")
        .setPlayerId("p")
        .setSessionId("s-bad")
        .setTimestampMs(ProjectorFixture.T0 + i)
        .setDominantEmotion("calm")
        .setConfidence(0.5f)
        .build();
  }

  /** Every dead letter the topic holds now. */
  private static List<DeadLetterRecord> readToEnd(ProjectorFixture fixture) {
    List<DeadLetterRecord> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers(), "auto.offset.reset", "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      String dlq = fixture.catalog.deadLetter().name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(dlq).stream()
              .map(p -> new TopicPartition(dlq, p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  out.add(DeadLetters.read(r));
                }
                return end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
    }
    return out;
  }

  private static List<DeadLetterRecord> readDeadLetters(ProjectorFixture fixture, int expected) {
    List<DeadLetterRecord> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers(), "auto.offset.reset", "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      String dlq = fixture.catalog.deadLetter().name();
      consumer.assign(
          consumer.partitionsFor(dlq).stream()
              .map(p -> new TopicPartition(dlq, p.partition()))
              .toList());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  out.add(DeadLetters.read(r));
                }
                return out.size() >= expected;
              });
    }
    out.sort((a, b) -> Long.compare(a.getSourceOffset(), b.getSourceOffset()));
    return out;
  }
}
