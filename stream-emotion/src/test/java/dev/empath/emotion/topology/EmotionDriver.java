package dev.empath.emotion.topology;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.ScriptedBehavior;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production topology in a {@link TopologyTestDriver}, with its topics ready to use. */
final class EmotionDriver implements AutoCloseable {

  final TopicCatalog topics = TopicCatalog.standard();
  final TopologyTestDriver driver;
  final TestInputTopic<String, PlayerBehaviorData> behavior;
  final TestInputTopic<byte[], byte[]> rawBehavior;
  final TestInputTopic<String, EmotionModelDocument> models;
  final TestOutputTopic<String, EmotionPrediction> emotion;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  EmotionDriver(Path stateDir) {
    this(stateDir, EmotionSettings.defaults(), new TransparentEmotionModel());
  }

  EmotionDriver(Path stateDir, EmotionSettings settings, EmotionModel model) {
    Properties props =
        TopologyDriverProperties.adapt(
            KafkaClientConfigs.streams(
                EmpathConfig.of(
                    Map.of(
                        EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                        TopologyDriverProperties.UNUSED_BOOTSTRAP)),
                settings.applicationId(),
                topics.deadLetter().name()),
            stateDir);
    driver = new TopologyTestDriver(EmotionTopology.buildTopology(topics, settings, model), props);
    behavior =
        driver.createInputTopic(
            topics.behavior().name(),
            topics.behavior().keySerde().serializer(),
            topics.behavior().valueSerde().serializer());
    rawBehavior =
        driver.createInputTopic(
            topics.behavior().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    models =
        driver.createInputTopic(
            topics.emotionModel().name(),
            topics.emotionModel().keySerde().serializer(),
            topics.emotionModel().valueSerde().serializer());
    emotion =
        driver.createOutputTopic(
            topics.emotion().name(),
            topics.emotion().keySerde().deserializer(),
            topics.emotion().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetter().name(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  void send(PlayerBehaviorData event) {
    behavior.pipeInput(event.getSessionId(), event, event.getTimestampMs());
  }

  /** Publishes a model document keyed by its game id, as {@code ./empath promote --model}. */
  void publish(EmotionModelDocument document) {
    models.pipeInput(document.getGameId(), document);
  }

  void play(Collection<ScriptedBehavior> events) {
    events.forEach(e -> send(e.event()));
  }

  List<EmotionPrediction> predictions() {
    return emotion.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
