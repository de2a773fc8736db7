package dev.empath.bench.chaos;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What a clean run of the same input produces: the production topologies, built and configured as
 * the services build them, run without any crash in a {@link TopologyTestDriver} per input
 * partition, as Kafka Streams runs one task per partition, fed that partition's records in offset
 * order.
 */
final class CleanRun {

  private final EmpathConfig config;
  private final TopicCatalog topics;
  private final Path stateDir;

  CleanRun(EmpathConfig config, TopicCatalog topics, Path stateDir) {
    this.config = config;
    this.topics = topics;
    this.stateDir = stateDir;
  }

  /** The emotion topic a clean run of {@code behaviour} (per partition) writes, per partition. */
  Map<Integer, List<TestRecord<byte[], byte[]>>> emotion(
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> behaviour) throws IOException {
    EmotionSettings settings = EmotionSettings.from(config);
    EmotionModel model = EmotionModels.fromConfig(config);
    try {
      return run(
          () -> EmotionTopology.buildTopology(topics, settings, model),
          settings.applicationId(),
          topics.behavior().name(),
          topics.emotion().name(),
          behaviour);
    } finally {
      EmotionModels.close(model);
    }
  }

  /** The narrative topic a clean run of {@code emotion} (per partition) writes, per partition. */
  Map<Integer, List<TestRecord<byte[], byte[]>>> narrative(
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> emotion) throws IOException {
    NarrativeSettings settings = NarrativeSettings.from(config);
    return run(
        () -> NarrativeTopology.buildTopology(topics, settings),
        settings.applicationId(),
        topics.emotion().name(),
        topics.narrative().name(),
        emotion);
  }

  private Map<Integer, List<TestRecord<byte[], byte[]>>> run(
      Supplier<Topology> topology,
      String applicationId,
      String input,
      String output,
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> records)
      throws IOException {
    Map<Integer, List<TestRecord<byte[], byte[]>>> out = new TreeMap<>();
    for (Map.Entry<Integer, List<ConsumerRecord<byte[], byte[]>>> partition : records.entrySet()) {
      Path dir = Files.createTempDirectory(stateDir, applicationId + "-" + partition.getKey());
      var props =
          TopologyDriverProperties.adapt(
              KafkaClientConfigs.streams(
                  EmpathConfig.of(
                      Map.of(
                          EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                          TopologyDriverProperties.UNUSED_BOOTSTRAP)),
                  applicationId,
                  topics.deadLetter().name()),
              dir);
      try (TopologyTestDriver driver = new TopologyTestDriver(topology.get(), props)) {
        TestInputTopic<byte[], byte[]> in =
            driver.createInputTopic(
                input, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        TestOutputTopic<byte[], byte[]> result =
            driver.createOutputTopic(
                output, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        List<TestRecord<byte[], byte[]>> produced = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : partition.getValue()) {
          in.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), r.timestamp()));
          produced.addAll(result.readRecordsToList());
        }
        out.put(partition.getKey(), produced);
      }
    }
    return out;
  }
}
