package dev.empath.emotion.publish;

import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.model.document.ModelRules;
import dev.empath.platform.streams.documents.DocumentAdmission;
import dev.empath.platform.streams.documents.DocumentStoreUpdater;
import dev.empath.platform.streams.documents.GameDocuments;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionModelDocument;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The model path of the topology, in either routing:
 *
 * <pre>
 * emotion.model ─► admission (build it; rejects → DLQ) ─► emotion.model.accepted
 *                                                          │ global store: game → document
 * </pre>
 */
public final class ModelTopics {

  /** Game id to the accepted model document's bytes, on every instance. */
  public static final String MODEL_STORE = "emotion-models";

  /**
   * A model is admitted only if the model it describes is built: its inputs are ones the topology
   * provides, and an ONNX graph loads with the declared widths.
   */
  static final GameDocuments<EmotionModelDocument> MODELS =
      new GameDocuments<>(
          "model",
          EmotionModelDocument::getGameId,
          EmotionModelDocument::getVersion,
          ModelRules::violations,
          document -> {
            ModelRules.requireValid(document, document.getVersion());
            EmotionModels.close(EmotionModels.of(document));
          });

  private static final String SOURCE = "model-source";
  private static final String ADMISSION = "model-admission";
  private static final String ACCEPTED_SINK = "model-accepted";
  private static final String ACCEPTED_SOURCE = "accepted-model-source";

  private ModelTopics() {}

  public static void addTo(Topology topology, TopicCatalog catalog) {
    TopicSpec<String, EmotionModelDocument> models = catalog.emotionModel();
    TopicSpec<String, EmotionModelDocument> accepted = catalog.emotionModelAccepted();
    topology.addSource(
        SOURCE,
        models.keySerde().deserializer(),
        models.valueSerde().deserializer(),
        models.name());
    topology.addProcessor(ADMISSION, () -> new DocumentAdmission<>(MODELS), SOURCE);
    topology.addSink(
        ACCEPTED_SINK,
        accepted.name(),
        accepted.keySerde().serializer(),
        accepted.valueSerde().serializer(),
        ADMISSION);
    topology.addGlobalStore(
        store(),
        ACCEPTED_SOURCE,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        accepted.name(),
        "model-store-updater",
        () -> storeUpdater(accepted));
  }

  public static void addTo(StreamsBuilder builder, TopicCatalog catalog) {
    TopicSpec<String, EmotionModelDocument> models = catalog.emotionModel();
    TopicSpec<String, EmotionModelDocument> accepted = catalog.emotionModelAccepted();
    builder.stream(
            models.name(), Consumed.with(models.keySerde(), models.valueSerde()).withName(SOURCE))
        .process(() -> new DocumentAdmission<>(MODELS), Named.as(ADMISSION))
        .to(
            accepted.name(),
            Produced.with(accepted.keySerde(), accepted.valueSerde()).withName(ACCEPTED_SINK));
    builder.addGlobalStore(
        store(),
        accepted.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(ACCEPTED_SOURCE),
        () -> storeUpdater(accepted));
  }

  // The store holds the record's bytes, so the processors compile a model once per document and
  // recognise an unchanged one by identity.
  private static DocumentStoreUpdater<EmotionModelDocument, byte[]> storeUpdater(
      TopicSpec<String, EmotionModelDocument> accepted) {
    return new DocumentStoreUpdater<>(
        MODELS, MODEL_STORE, accepted.valueSerde().deserializer(), (bytes, document) -> bytes);
  }

  // The accepted topic is the store's changelog: a global store is restored from it, never logged.
  private static StoreBuilder<KeyValueStore<String, byte[]>> store() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(MODEL_STORE), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }
}
