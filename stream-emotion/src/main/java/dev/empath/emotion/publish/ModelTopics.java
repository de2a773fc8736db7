package dev.empath.emotion.publish;

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
    topology.addProcessor(ADMISSION, ModelAdmission::new, SOURCE);
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
        () -> new ModelStoreUpdater(MODEL_STORE, accepted.valueSerde().deserializer()));
  }

  public static void addTo(StreamsBuilder builder, TopicCatalog catalog) {
    TopicSpec<String, EmotionModelDocument> models = catalog.emotionModel();
    TopicSpec<String, EmotionModelDocument> accepted = catalog.emotionModelAccepted();
    builder.stream(
            models.name(), Consumed.with(models.keySerde(), models.valueSerde()).withName(SOURCE))
        .process(ModelAdmission::new, Named.as(ADMISSION))
        .to(
            accepted.name(),
            Produced.with(accepted.keySerde(), accepted.valueSerde()).withName(ACCEPTED_SINK));
    builder.addGlobalStore(
        store(),
        accepted.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(ACCEPTED_SOURCE),
        () -> new ModelStoreUpdater(MODEL_STORE, accepted.valueSerde().deserializer()));
  }

  // The accepted topic is the store's changelog: a global store is restored from it, never logged.
  private static StoreBuilder<KeyValueStore<String, byte[]>> store() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(MODEL_STORE), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }
}
