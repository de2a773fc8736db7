package dev.empath.projector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

  private final TopicCatalog catalog = TopicCatalog.withPrefix("decoder-test.");
  private final String topic = catalog.emotion().name();
  private final TopicPartition partition = new TopicPartition(topic, 0);
  private final List<Long> rejected = new ArrayList<>();
  private final RecordDecoder decoder =
      new RecordDecoder(
          new ProjectedTopics(catalog), (record, error) -> rejected.add(record.offset()));

  @Test
  void skipsWhatRedisHoldsAndDeadLettersBadRecordsInPlace() {
    ConsumerRecords<byte[], byte[]> polled =
        poll(
            List.of(
                record(4, prediction("p4")),
                record(5, prediction("p5")),
                record(6, "not protobuf".getBytes(StandardCharsets.UTF_8)),
                record(7, null),
                record(8, prediction("p8"))));

    List<PartitionEvents> decoded = decoder.decode(polled, tp -> 5);

    assertThat(decoded).hasSize(1);
    PartitionEvents events = decoded.get(0);
    assertThat(events.partition()).isEqualTo(partition);
    assertThat(events.offsets()).containsExactly(5L, 6L, 7L, 8L);
    assertThat(events.next()).isEqualTo(9);
    assertThat(events.events().get(0)).isEqualTo(predictionMessage("p5"));
    assertThat(events.events().get(1)).isNull();
    assertThat(events.events().get(2)).isNull();
    assertThat(events.events().get(3)).isEqualTo(predictionMessage("p8"));
    assertThat(rejected).containsExactly(6L, 7L);
    assertThat(decoder.skipped()).isEqualTo(1);
    assertThat(decoder.deadLettered()).isEqualTo(2);
  }

  @Test
  void aPartitionRedisHoldsEntirelyYieldsNothing() {
    List<PartitionEvents> decoded =
        decoder.decode(
            poll(List.of(record(0, prediction("a")), record(1, prediction("b")))), tp -> 2);

    assertThat(decoded).isEmpty();
    assertThat(decoder.skipped()).isEqualTo(2);
    assertThat(rejected).isEmpty();
  }

  private ConsumerRecords<byte[], byte[]> poll(List<ConsumerRecord<byte[], byte[]>> records) {
    return new ConsumerRecords<>(Map.of(partition, records), Map.of());
  }

  private ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>(topic, 0, offset, "s-1".getBytes(StandardCharsets.UTF_8), value);
  }

  private static byte[] prediction(String id) {
    return predictionMessage(id).toByteArray();
  }

  private static EmotionPrediction predictionMessage(String id) {
    return EmotionPrediction.newBuilder()
        .setPredictionId(id)
        .setGameId("game-1")
        .setPlayerId("p-1")
        .setSessionId("s-1")
        .setTimestampMs(1_700_000_000_000L)
        .setDominantEmotion("joy")
        .setConfidence(0.5f)
        .putAllScores("joy", 0.6f)
        .putAllScores("frustration", 0.4f)
        .setValence(0.1f)
        .setArousal(0.4f)
        .setEventsSeen(3)
        .build();
  }
}
