package dev.empath.emotion.publish;

import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.model.document.ModelRules;
import dev.empath.schemas.v1.EmotionModelDocument;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits published model documents to the accepted-model topic the global model store is built
 * from, as stream-narrative admits policies: in a regular task, where a rejection reaches the
 * dead-letter topic (the processing handler, inside the transaction), never in the global thread,
 * which cannot dead-letter. A document is admitted only if the model it describes is built: its
 * inputs are ones the topology provides, and an ONNX graph loads with the declared widths.
 */
final class ModelAdmission
    implements Processor<String, EmotionModelDocument, String, EmotionModelDocument> {

  private static final Logger log = LoggerFactory.getLogger(ModelAdmission.class);

  private ProcessorContext<String, EmotionModelDocument> context;

  @Override
  public void init(ProcessorContext<String, EmotionModelDocument> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, EmotionModelDocument> record) {
    if (record.key() == null || record.key().isEmpty()) {
      throw new IllegalArgumentException("model record without a game id key");
    }
    EmotionModelDocument document = record.value();
    if (document == null) {
      log.info("model for game {} withdrawn (tombstone)", record.key());
      context.forward(record);
      return;
    }
    if (!record.key().equals(document.getGameId())) {
      throw new IllegalArgumentException(
          "model key '"
              + record.key()
              + "' differs from its game_id '"
              + document.getGameId()
              + "'");
    }
    ModelRules.requireValid(document, document.getVersion());
    EmotionModel built = EmotionModels.of(document);
    EmotionModels.close(built);
    log.info("model {} admitted for game {}", document.getVersion(), record.key());
    context.forward(record);
  }
}
