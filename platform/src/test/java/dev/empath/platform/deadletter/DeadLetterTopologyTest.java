package dev.empath.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.platform.TestRecords;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTopologyTest {

  private final TopicCatalog topics = TopicCatalog.standard();

  private Topology passThrough(String out) {
    TopicSpec<String, PlayerBehaviorData> in = topics.behavior();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde()))
        .mapValues(
            value -> {
              if (value.getPlayerId().equals("player-explode")) {
                throw new IllegalStateException("model cannot handle this player");
              }
              return value;
            })
        .to(out, Produced.with(in.keySerde(), in.valueSerde()));
    return builder.build();
  }

  @TempDir Path stateDir;

  private Properties props() {
    return TopologyDriverProperties.adapt(
        KafkaClientConfigs.streams(
            EmpathConfig.of(
                Map.of(
                    EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                    TopologyDriverProperties.UNUSED_BOOTSTRAP)),
            "dlq-test",
            topics.deadLetter().name()),
        stateDir);
  }

  @Test
  void malformedRecordsAreDeadLetteredWithReasonsAndValidOnesFlow() {
    List<TestRecords.Raw> mixed = TestRecords.mixed(20);
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough("out"), props())) {
      TestInputTopic<byte[], byte[]> input =
          driver.createInputTopic(
              topics.behavior().name(),
              Serdes.ByteArray().serializer(),
              Serdes.ByteArray().serializer());
      TestOutputTopic<String, PlayerBehaviorData> output =
          driver.createOutputTopic(
              "out",
              topics.behavior().keySerde().deserializer(),
              topics.behavior().valueSerde().deserializer());
      TestOutputTopic<byte[], byte[]> deadLetters =
          driver.createOutputTopic(
              topics.deadLetter().name(),
              Serdes.ByteArray().deserializer(),
              Serdes.ByteArray().deserializer());

      mixed.forEach(raw -> input.pipeInput(raw.keyBytes(), raw.value()));

      assertThat(output.readValuesToList()).hasSize(20);
      List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
      List<TestRecords.Raw> invalid = mixed.stream().filter(r -> !r.valid()).toList();
      assertThat(dead).hasSameSizeAs(invalid);
      for (int i = 0; i < dead.size(); i++) {
        DeadLetterRecord letter =
            DeadLetters.read(dead.get(i).key(), dead.get(i).value(), dead.get(i).headers());
        assertThat(letter.getOriginalValue().toByteArray()).isEqualTo(invalid.get(i).value());
        assertThat(letter.getOriginalKey().toByteArray()).isEqualTo(invalid.get(i).keyBytes());
        assertThat(letter.getReason()).contains(invalid.get(i).expectedReason());
        assertThat(letter.getSourceTopic()).isEqualTo(topics.behavior().name());
        assertThat(letter.getComponent()).isEqualTo("dlq-test");
        assertThat(letter.getErrorClass()).startsWith("dev.empath.schemas.serde.");
      }
    }
  }

  @Test
  void processingFailuresAreDeadLetteredToo() {
    PlayerBehaviorData explodes =
        TestRecords.behavior("s", 1).toBuilder().setPlayerId("player-explode").build();
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough("out"), props())) {
      var input =
          driver.createInputTopic(
              topics.behavior().name(),
              topics.behavior().keySerde().serializer(),
              topics.behavior().valueSerde().serializer());
      var deadLetters =
          driver.createOutputTopic(
              topics.deadLetter().name(),
              Serdes.ByteArray().deserializer(),
              Serdes.ByteArray().deserializer());
      var output =
          driver.createOutputTopic(
              "out",
              topics.behavior().keySerde().deserializer(),
              topics.behavior().valueSerde().deserializer());

      input.pipeInput("s", explodes);
      input.pipeInput("s", TestRecords.behavior("s", 2));

      TestRecord<byte[], byte[]> deadLetter = deadLetters.readRecord();
      DeadLetterRecord letter =
          DeadLetters.read(deadLetter.key(), deadLetter.value(), deadLetter.headers());
      assertThat(letter.getReason()).isEqualTo("model cannot handle this player");
      assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
      assertThat(letter.getOriginalValue().toByteArray()).isEqualTo(explodes.toByteArray());
      assertThat(output.readValuesToList()).containsExactly(TestRecords.behavior("s", 2));
    }
  }
}
