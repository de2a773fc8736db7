package dev.empath.cli.train;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.LabelSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Simulated players' scripted sessions through the production emotion topology (the shipped
 * transparent model), with the labels the simulator gives for them: what {@code train} reads.
 */
record LabelledSessions(List<EmotionLabel> labels, List<EmotionPrediction> predictions) {

  static final long T0 = 1_764_000_000_000L;

  /**
   * The players' sessions (two each, an hour apart from {@code t0}) and the labels they give.
   *
   * @param behaviour each session's events in order, session after session
   */
  record Script(List<ScriptedBehavior> behaviour, List<EmotionLabel> labels) {

    static Script of(int players, double noise, double bias, long t0) {
      BehaviorSimulator simulator = new BehaviorSimulator(17);
      LabelSimulator labeller = new LabelSimulator(17, noise, bias, 3);
      List<ScriptedBehavior> behaviour = new ArrayList<>();
      List<EmotionLabel> labels = new ArrayList<>();
      for (int p = 0; p < players; p++) {
        PlayerProfile player = new PlayerProfile("game-1", "player-" + p, 0.7 + 0.1 * (p % 7));
        for (int s = 0; s < 2; s++) {
          List<ScriptedBehavior> session =
              simulator.session(player, "s-" + p + "-" + s, t0 + s * 3_600_000L, Segment.tour(24));
          behaviour.addAll(session);
          labels.addAll(labeller.labels(session));
        }
      }
      return new Script(List.copyOf(behaviour), List.copyOf(labels));
    }
  }

  static LabelledSessions simulate(Path stateDir, int players, double noise, double bias) {
    return simulate(stateDir, Script.of(players, noise, bias, T0));
  }

  static LabelledSessions simulate(Path stateDir, Script script) {
    TopicCatalog topics = TopicCatalog.standard();
    EmotionSettings settings = EmotionSettings.defaults();
    var props =
        TopologyDriverProperties.adapt(
            KafkaClientConfigs.streams(
                EmpathConfig.of(
                    Map.of(
                        EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                        TopologyDriverProperties.UNUSED_BOOTSTRAP)),
                settings.applicationId(),
                topics.deadLetter().name()),
            stateDir);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EmotionTopology.buildTopology(topics, settings, new TransparentEmotionModel()),
            props)) {
      TestInputTopic<String, PlayerBehaviorData> in =
          driver.createInputTopic(
              topics.behavior().name(),
              topics.behavior().keySerde().serializer(),
              topics.behavior().valueSerde().serializer());
      script.behaviour().forEach(b -> in.pipeInput(b.key(), b.event(), b.timestampMs()));
      List<EmotionPrediction> predictions =
          driver
              .createOutputTopic(
                  topics.emotion().name(),
                  topics.emotion().keySerde().deserializer(),
                  topics.emotion().valueSerde().deserializer())
              .readValuesToList();
      return new LabelledSessions(script.labels(), predictions);
    }
  }
}
