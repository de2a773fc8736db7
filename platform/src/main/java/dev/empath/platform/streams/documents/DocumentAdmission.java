package dev.empath.platform.streams.documents;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits published documents to the accepted topic that the global store is built from.
 *
 * <p>It runs in a regular stream task, not in the global thread, because only there does a
 * rejection reach the dead-letter topic: undecodable or contract-breaking bytes are dead-lettered
 * by the serde and the deserialization handler, and what this processor rejects (the kind's rules,
 * a key that is not the document's game id) by the processing handler, inside the task's
 * transaction. The global thread cannot dead-letter (Kafka 4.4's global task has no record
 * collector), so it must only ever see documents that were admitted here.
 */
public final class DocumentAdmission<D> implements Processor<String, D, String, D> {

  private static final Logger log = LoggerFactory.getLogger(DocumentAdmission.class);

  private final GameDocuments<D> documents;
  private ProcessorContext<String, D> context;

  public DocumentAdmission(GameDocuments<D> documents) {
    this.documents = documents;
  }

  @Override
  public void init(ProcessorContext<String, D> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, D> record) {
    String kind = documents.kind();
    if (record.key() == null || record.key().isEmpty()) {
      throw new IllegalArgumentException(kind + " record without a game id key");
    }
    D document = record.value();
    if (document == null) {
      log.info("{} for game {} withdrawn (tombstone)", kind, record.key());
      context.forward(record);
      return;
    }
    String gameId = documents.gameId().apply(document);
    if (!record.key().equals(gameId)) {
      throw new IllegalArgumentException(
          kind + " key '" + record.key() + "' differs from its game_id '" + gameId + "'");
    }
    documents.admit().accept(document);
    log.info("{} {} admitted for game {}", kind, documents.version().apply(document), gameId);
    context.forward(record);
  }
}
