package dev.empath.whatif.run;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.narrative.policy.PolicyRules;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The same input replayed through the production topologies directly, on TopologyTestDriver: the
 * reference a what-if's figures must equal.
 */
final class HintReplay {

  private HintReplay() {}

  /** The shipped policy offering hints after 5 s of milder frustration, every 20 s at most. */
  static NarrativePolicy soonerHints() {
    NarrativePolicy shipped = DefaultPolicy.load();
    return PolicyRules.requireValid(
        shipped.toBuilder()
            .setVersion("sooner-1")
            .setGameId("g1")
            .setHint(
                shipped.getHint().toBuilder()
                    .setMinScore(0.25f)
                    .setPersistMs(5_000)
                    .setCooldownMs(20_000))
            .build(),
        "test");
  }

  /** Hints offered in [fromMs, toMs] when the production's behaviour meets {@code policy}. */
  static long hints(
      Production production, NarrativePolicy policy, long fromMs, long toMs, Path dir) {
    TopicCatalog topics = TopicCatalog.standard();
    EmotionSettings emotion = EmotionSettings.from(production.config);
    List<EmotionPrediction> predictions;
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EmotionTopology.buildTopology(
                topics, emotion, EmotionModels.fromConfig(production.config)),
            TopologyDriverProperties.adapt(
                KafkaClientConfigs.streams(production.config, "replay-emotion", "dlq"),
                dir.resolve("emotion")))) {
      TestInputTopic<String, PlayerBehaviorData> in =
          driver.createInputTopic(
              topics.behavior().name(),
              topics.behavior().keySerde().serializer(),
              topics.behavior().valueSerde().serializer());
      production.behaviour.forEach(b -> in.pipeInput(b.getSessionId(), b, b.getTimestampMs()));
      predictions =
          driver
              .createOutputTopic(
                  topics.emotion().name(),
                  topics.emotion().keySerde().deserializer(),
                  topics.emotion().valueSerde().deserializer())
              .readValuesToList();
    }
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            NarrativeTopology.buildTopology(topics, NarrativeSettings.from(production.config)),
            TopologyDriverProperties.adapt(
                KafkaClientConfigs.streams(production.config, "replay-narrative", "dlq"),
                dir.resolve("narrative")))) {
      driver
          .createInputTopic(
              topics.narrativePolicy().name(),
              topics.narrativePolicy().keySerde().serializer(),
              topics.narrativePolicy().valueSerde().serializer())
          .pipeInput(policy.getGameId(), policy, 0L);
      TestInputTopic<String, EmotionPrediction> in =
          driver.createInputTopic(
              topics.emotion().name(),
              topics.emotion().keySerde().serializer(),
              topics.emotion().valueSerde().serializer());
      predictions.forEach(p -> in.pipeInput(p.getSessionId(), p, p.getTimestampMs()));
      return driver
          .createOutputTopic(
              topics.narrative().name(),
              topics.narrative().keySerde().deserializer(),
              topics.narrative().valueSerde().deserializer())
          .readValuesToList()
          .stream()
          .filter(d -> d.getTimestampMs() >= fromMs && d.getTimestampMs() <= toMs)
          .filter(NarrativeDecision::getOfferHint)
          .count();
    }
  }
}
