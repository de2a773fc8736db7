package dev.empath.emotion.app;

import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.Catalogs;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionModelDocument;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * How {@code ./empath promote --model} publishes: to the model topic keyed by the document's game
 * id, where running stream-emotion instances admit it and switch to it without a restart.
 */
public final class PublishModel {

  private PublishModel() {}

  /**
   * Builds the model first (an ONNX graph must load with the declared widths, as admission will
   * require), stamps a missing publication time, publishes and waits for the acknowledgement.
   *
   * @return the line the command prints
   * @throws IllegalArgumentException when the model does not build
   */
  public static String promote(EmpathConfig config, EmotionModelDocument document)
      throws ExecutionException, InterruptedException {
    EmotionModel built = EmotionModels.of(document);
    EmotionModels.close(built);
    EmotionModelDocument stamped =
        document.getPublishedAtMs() == 0
            ? document.toBuilder().setPublishedAtMs(System.currentTimeMillis()).build()
            : document;
    TopicSpec<String, EmotionModelDocument> topic = Catalogs.from(config).emotionModel();
    try (KafkaProducer<String, EmotionModelDocument> producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(config, "publish-model"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      RecordMetadata at =
          producer.send(new ProducerRecord<>(topic.name(), stamped.getGameId(), stamped)).get();
      return String.format(
          "published model %s (%s) for game %s to %s-%d@%d",
          stamped.getVersion(),
          stamped.getKindCase().name().toLowerCase(java.util.Locale.ROOT),
          stamped.getGameId(),
          at.topic(),
          at.partition(),
          at.offset());
    }
  }
}
