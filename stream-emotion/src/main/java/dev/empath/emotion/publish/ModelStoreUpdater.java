package dev.empath.emotion.publish;

import dev.empath.emotion.model.document.ModelRules;
import dev.empath.schemas.v1.EmotionModelDocument;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global model store: one document per game id, as bytes, a tombstone withdraws it.
 * Decodes here, never in the global thread's deserializer (an exception there stops the
 * application); only admitted documents should arrive, so anything unusable is logged and skipped
 * and the model in force stays. Stored as the record's bytes so the processors compile a model once
 * per document and recognise an unchanged one by identity.
 */
final class ModelStoreUpdater implements Processor<String, byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(ModelStoreUpdater.class);

  private final String storeName;
  private final Deserializer<EmotionModelDocument> deserializer;
  private KeyValueStore<String, byte[]> store;

  ModelStoreUpdater(String storeName, Deserializer<EmotionModelDocument> deserializer) {
    this.storeName = storeName;
    this.deserializer = deserializer;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      return;
    }
    EmotionModelDocument document;
    try {
      document = deserializer.deserialize("accepted-model", record.value());
    } catch (RuntimeException e) {
      log.error("skipping unreadable accepted model for game {}: {}", record.key(), e.getMessage());
      return;
    }
    List<String> problems = ModelRules.violations(document);
    if (!problems.isEmpty() || !record.key().equals(document.getGameId())) {
      log.error("skipping unusable accepted model for game {}: {}", record.key(), problems);
      return;
    }
    // The record's own bytes: what a restore from the topic would put here too.
    store.put(record.key(), record.value());
  }
}
