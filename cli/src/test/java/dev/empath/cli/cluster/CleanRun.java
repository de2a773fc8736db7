package dev.empath.cli.cluster;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.ScriptedBehavior;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What stream-emotion and then stream-narrative produce from some behaviour without any failure:
 * the production topologies, chained in {@link TopologyTestDriver}s.
 */
final class CleanRun {

  private CleanRun() {}

  /** The output topics' values by key, in order per key: emotion, narrative, generation. */
  record Output(
      Map<String, List<EmotionPrediction>> emotion,
      Map<String, List<NarrativeDecision>> narrative,
      Map<String, List<GenerationRequest>> generation) {}

  static Output of(
      List<ScriptedBehavior> events, TopicCatalog topics, EmpathConfig config, Path stateDir) {
    EmotionSettings emotionSettings = EmotionSettings.from(config);
    List<TestRecord<String, EmotionPrediction>> predictions;
    try (TopologyTestDriver emotion =
        new TopologyTestDriver(
            EmotionTopology.buildTopology(topics, emotionSettings, new TransparentEmotionModel()),
            props(config, emotionSettings.applicationId(), topics, stateDir.resolve("emotion")))) {
      TestInputTopic<String, PlayerBehaviorData> in = input(emotion, topics.behavior());
      events.forEach(e -> in.pipeInput(e.event().getSessionId(), e.event(), e.timestampMs()));
      predictions =
          emotion
              .createOutputTopic(
                  topics.emotion().name(),
                  topics.emotion().keySerde().deserializer(),
                  topics.emotion().valueSerde().deserializer())
              .readRecordsToList();
    }
    NarrativeSettings narrativeSettings = NarrativeSettings.from(config);
    try (TopologyTestDriver narrative =
        new TopologyTestDriver(
            NarrativeTopology.buildTopology(topics, narrativeSettings),
            props(
                config,
                narrativeSettings.applicationId(),
                topics,
                stateDir.resolve("narrative")))) {
      TestInputTopic<String, EmotionPrediction> in = input(narrative, topics.emotion());
      predictions.forEach(in::pipeInput);
      return new Output(
          byKey(predictions),
          byKey(read(narrative, topics.narrative())),
          byKey(read(narrative, topics.generationRequest())));
    }
  }

  static <V> Map<String, List<V>> byKey(List<? extends TestRecord<String, V>> records) {
    return records.stream()
        .collect(
            Collectors.groupingBy(
                TestRecord::key,
                LinkedHashMap::new,
                Collectors.mapping(TestRecord::value, Collectors.toList())));
  }

  private static Properties props(
      EmpathConfig config, String applicationId, TopicCatalog topics, Path stateDir) {
    return TopologyDriverProperties.adapt(
        KafkaClientConfigs.streams(config, applicationId, topics.deadLetter().name()), stateDir);
  }

  private static <V> TestInputTopic<String, V> input(
      TopologyTestDriver driver, TopicSpec<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private static <V> List<TestRecord<String, V>> read(
      TopologyTestDriver driver, TopicSpec<String, V> topic) {
    return driver
        .createOutputTopic(
            topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer())
        .readRecordsToList();
  }
}
