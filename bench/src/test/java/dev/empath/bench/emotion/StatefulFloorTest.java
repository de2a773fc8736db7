package dev.empath.bench.emotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.emotion.topology.WriteBehindTable;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatefulFloorTest {

  private static final String OUT = "floor-out";

  private final TopicCatalog topics = TopicCatalog.standard();
  private final BehaviorSimulator simulator = new BehaviorSimulator(11);

  @TempDir Path stateDir;

  @Test
  void emitsTheShareOfEachSessionsEventsAtTheGivenSizeAndKeepsStateOfTheGivenSize() {
    List<ScriptedBehavior> events = population(3);
    try (TopologyTestDriver driver = driver(new StatefulFloor.Shape(0.6, 500, 300))) {
      pipe(driver, events);

      List<KeyValue<byte[], byte[]>> out = output(driver).readKeyValuesToList();
      Map<String, Long> perSession =
          out.stream()
              .collect(
                  Collectors.groupingBy(
                      kv -> new String(kv.key, StandardCharsets.UTF_8), Collectors.counting()));
      assertThat(perSession).hasSize(3).allSatisfy((session, n) -> assertThat(n).isEqualTo(60));
      assertThat(out).allSatisfy(kv -> assertThat(kv.value).hasSize(500));

      @SuppressWarnings("unchecked") // the floor's store holds byte[] values
      WriteBehindTable<byte[]> sessions =
          (WriteBehindTable<byte[]>) driver.getStateStore(StatefulFloor.STORE);
      byte[] state = sessions.get(events.get(0).event().getSessionId());
      assertThat(state).hasSize(300);
      assertThat(ByteBuffer.wrap(state).getLong()).isEqualTo(100);
    }
  }

  @Test
  void smallShapeForwardsTheEventsOwnBytes() {
    List<ScriptedBehavior> events = population(1);
    try (TopologyTestDriver driver = driver(StatefulFloor.Shape.small(1.0))) {
      pipe(driver, events);

      List<byte[]> out = output(driver).readValuesToList();
      assertThat(out).hasSize(events.size());
      assertThat(out.get(7)).isEqualTo(events.get(7).event().toByteArray());
    }
  }

  @Test
  void rejectsAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> new StatefulFloor.Shape(1.5, 100, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<ScriptedBehavior> population(int sessions) {
    return simulator.population(
        simulator.players("game-floor", sessions), 1, Segment.tour(20), 1_764_000_000_000L);
  }

  private TopologyTestDriver driver(StatefulFloor.Shape shape) {
    return new TopologyTestDriver(
        StatefulFloor.build(topics, OUT, shape),
        TopologyDriverProperties.minimal("floor-test", stateDir));
  }

  private void pipe(TopologyTestDriver driver, List<ScriptedBehavior> events) {
    TestInputTopic<String, byte[]> in =
        driver.createInputTopic(
            topics.behavior().name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    for (ScriptedBehavior e : events) {
      in.pipeInput(e.event().getSessionId(), e.event().toByteArray(), e.timestampMs());
    }
  }

  private static TestOutputTopic<byte[], byte[]> output(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        OUT, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
  }
}
