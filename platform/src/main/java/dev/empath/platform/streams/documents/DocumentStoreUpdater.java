package dev.empath.platform.streams.documents;

import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store of admitted documents: one per game id, a tombstone withdraws it.
 *
 * <p>Reads raw bytes and decodes here, never in the global thread's deserializer: an exception
 * there would stop the global thread and with it the application. Only admitted documents should
 * arrive, so anything unusable is a bug or a foreign writer; it is logged and skipped, and the
 * document in force stays.
 *
 * @param <V> what the store holds: the decoded document, or the record's own bytes (what a restore
 *     from the topic would put there too) for readers that recognise an unchanged one by identity
 */
public final class DocumentStoreUpdater<D, V> implements Processor<String, byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(DocumentStoreUpdater.class);

  private final GameDocuments<D> documents;
  private final String storeName;
  private final Deserializer<D> deserializer;
  private final BiFunction<byte[], D, V> stored;
  private KeyValueStore<String, V> store;

  public DocumentStoreUpdater(
      GameDocuments<D> documents,
      String storeName,
      Deserializer<D> deserializer,
      BiFunction<byte[], D, V> stored) {
    this.documents = documents;
    this.storeName = storeName;
    this.deserializer = deserializer;
    this.stored = stored;
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
    String kind = documents.kind();
    D document;
    try {
      document = deserializer.deserialize("accepted-" + kind, record.value());
    } catch (RuntimeException e) {
      log.error(
          "skipping unreadable accepted {} for game {}: {}", kind, record.key(), e.getMessage());
      return;
    }
    List<String> problems = documents.violations().apply(document);
    if (!problems.isEmpty() || !record.key().equals(documents.gameId().apply(document))) {
      log.error("skipping unusable accepted {} for game {}: {}", kind, record.key(), problems);
      return;
    }
    store.put(record.key(), stored.apply(record.value(), document));
  }
}
