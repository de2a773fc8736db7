package dev.empath.bench.emotion;

import dev.empath.bench.harness.BenchReport;
import dev.empath.cli.train.Training;
import dev.empath.emotion.labels.LabelJoin;
import dev.empath.emotion.labels.LabelledMoment;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.simulator.LabelSimulator;
import dev.empath.simulator.ScriptedBehavior;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The ONNX leg's model, made as an operator makes one: {@code ./empath train}'s trainer on the
 * simulator's labels of some pre-loaded sessions joined with the predictions the transparent leg
 * wrote for them. So the leg runs the graph shape the product exports (Tribuo's logistic regression
 * over the trainer's inputs), not a stand-in.
 */
final class TrainedOnnxModel {

  /** Sessions whose labels train the model: enough for a fit, little to read back. */
  static final int SESSIONS = 200;

  private TrainedOnnxModel() {}

  static EmotionModelDocument train(
      EmpathConfig config, TopicCatalog topics, List<ScriptedBehavior> input, BenchReport report) {
    Map<String, List<ScriptedBehavior>> sessions = new LinkedHashMap<>();
    for (ScriptedBehavior b : input) {
      String session = b.event().getSessionId();
      if (sessions.containsKey(session) || sessions.size() < SESSIONS) {
        sessions.computeIfAbsent(session, s -> new ArrayList<>()).add(b);
      }
    }
    LabelSimulator labeller = new LabelSimulator(2026, 0.1, 0.1, 5);
    List<EmotionLabel> labels = new ArrayList<>();
    sessions.values().forEach(s -> labels.addAll(labeller.labels(s)));
    List<EmotionPrediction> predictions = read(config, topics, sessions.keySet());
    List<LabelledMoment> moments = LabelJoin.join(labels, predictions, 60_000);
    Training.Result result = Training.run(moments, 0.25, 42, "bench-onnx", "*");
    report.info(
        "onnx model trained on %d labelled moments of %d sessions: held-out macro-F1 %.3f"
            + " (transparent %.3f); inputs %s",
        result.trainMoments(),
        sessions.size(),
        result.trained().macroF1(),
        result.current().macroF1(),
        result.document().getOnnx().getInputsList());
    return result.document();
  }

  /** The committed predictions of {@code sessions}, decoding no others. */
  private static List<EmotionPrediction> read(
      EmpathConfig config, TopicCatalog topics, java.util.Set<String> sessions) {
    Properties props = KafkaClientConfigs.consumer(config, "bench-onnx-labels", "bench-onnx");
    props.remove("group.id");
    var values = topics.emotion().valueSerde().deserializer();
    List<EmotionPrediction> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topics.emotion().name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (sessions.contains(r.key())) {
            out.add(values.deserialize(r.topic(), r.value()));
          }
        }
      }
    }
    return out;
  }
}
