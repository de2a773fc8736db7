package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.deadletter.DeadLetterHeaders;
import dev.empath.schemas.serde.RejectedRecordException;
import dev.empath.schemas.topic.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Random bytes on stream-emotion's input topics, through the production topology: every record its
 * serde refuses reaches the dead-letter topic, once, with the topic it came from and a reason, and
 * the application goes on.
 */
class DeadLetterFuzzTest {

  @Property(tries = 12)
  void everyRefusedRecordIsDeadLetteredOnce(
      @ForAll("inputs") List<Tuple.Tuple2<Integer, byte[]>> inputs) throws IOException {
    Path stateDir = Files.createTempDirectory("emotion-fuzz-");
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      List<TopicSpec<String, ?>> topics = List.of(d.topics.behavior(), d.topics.emotionLabel());
      int refused = 0;
      for (Tuple.Tuple2<Integer, byte[]> input : inputs) {
        TopicSpec<String, ?> topic = topics.get(input.get1());
        TestInputTopic<byte[], byte[]> raw =
            d.driver.createInputTopic(
                topic.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        raw.pipeInput("k".getBytes(StandardCharsets.UTF_8), input.get2());
        refused += refuses(topic, input.get2()) ? 1 : 0;
      }
      List<TestRecord<byte[], byte[]>> dead = d.deadLetters.readRecordsToList();
      assertThat(dead).hasSize(refused);
      for (TestRecord<byte[], byte[]> letter : dead) {
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.REASON)).isNotNull();
        assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value()))
            .isIn(topics.stream().map(TopicSpec::name).toList());
      }
    } finally {
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static boolean refuses(TopicSpec<String, ?> topic, byte[] value) {
    try {
      topic.valueSerde().deserializer().deserialize(topic.name(), value);
      return false;
    } catch (RejectedRecordException e) {
      return true;
    }
  }

  @Provide
  Arbitrary<List<Tuple.Tuple2<Integer, byte[]>>> inputs() {
    Arbitrary<byte[]> bytes =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(400));
    return Arbitraries.integers()
        .between(0, 1)
        .flatMap(t -> bytes.map(b -> Tuple.of(t, b)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }
}
