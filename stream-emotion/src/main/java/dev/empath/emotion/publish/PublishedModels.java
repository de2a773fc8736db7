package dev.empath.emotion.publish;

import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.schemas.v1.EmotionModelDocument;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which model governs a game: its own published model, else the published default ({@code *}), else
 * the configured one. Each processor keeps its own compiled copies, rebuilt only when the store
 * holds a different document (the store returns the same array until the document changes). A
 * document that does not build here (an ONNX file missing on this instance) is logged once and the
 * next model down the line governs.
 */
public final class PublishedModels implements AutoCloseable {

  /** The key of the model for every game without its own. */
  public static final String ALL_GAMES = "*";

  private static final Logger log = LoggerFactory.getLogger(PublishedModels.class);

  private record Compiled(byte[] document, EmotionModel model) {}

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Deserializer<EmotionModelDocument> documents;
  private final EmotionModel configured;
  private final Map<String, Compiled> compiled = new HashMap<>();

  public PublishedModels(
      ReadOnlyKeyValueStore<String, byte[]> store,
      Deserializer<EmotionModelDocument> documents,
      EmotionModel configured) {
    this.store = store;
    this.documents = documents;
    this.configured = configured;
  }

  public EmotionModel forGame(String gameId) {
    EmotionModel own = published(gameId);
    if (own != null) {
      return own;
    }
    EmotionModel all = published(ALL_GAMES);
    return all != null ? all : configured;
  }

  private EmotionModel published(String key) {
    byte[] document = store.get(key);
    Compiled known = compiled.get(key);
    if (known != null && known.document() == document) {
      return known.model();
    }
    if (known != null) {
      EmotionModels.close(known.model());
      compiled.remove(key);
    }
    if (document == null) {
      return null;
    }
    EmotionModel model = build(key, document);
    compiled.put(key, new Compiled(document, model));
    return model;
  }

  private EmotionModel build(String key, byte[] bytes) {
    try {
      EmotionModel model = EmotionModels.of(documents.deserialize("accepted-model", bytes));
      log.info("model {} governs game {}", model.version(), key);
      return model;
    } catch (RuntimeException e) {
      log.error("published model for {} does not build here, not used: {}", key, e.getMessage());
      return null;
    }
  }

  @Override
  public void close() {
    compiled.values().stream()
        .map(Compiled::model)
        .filter(m -> m != null)
        .forEach(EmotionModels::close);
    compiled.clear();
  }
}
