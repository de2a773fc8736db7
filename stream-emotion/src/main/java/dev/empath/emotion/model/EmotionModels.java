package dev.empath.emotion.model;

import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.EmotionModelDocument;
import java.nio.file.Path;

/** Builds the model a document describes. */
public final class EmotionModels {

  private EmotionModels() {}

  /**
   * The model of a validated document; an {@code onnx} one holds a native session, closed with
   * {@link #close}.
   */
  public static EmotionModel of(EmotionModelDocument document) {
    return switch (document.getKindCase()) {
      case TRANSPARENT -> new TransparentEmotionModel(document);
      case ONNX -> new OnnxEmotionModel(document);
      case KIND_NOT_SET -> throw new IllegalArgumentException("model document has no kind");
    };
  }

  /** Releases what a model holds outside the heap (an ONNX Runtime session). */
  public static void close(EmotionModel model) {
    if (model instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close model " + model.version(), e);
      }
    }
  }

  /** The document named by {@code empath.emotion.model.file}, else the shipped default. */
  public static EmotionModel fromConfig(EmpathConfig config) {
    return config
        .find(EmotionConfigKeys.MODEL_FILE)
        .map(file -> of(ModelDocuments.read(Path.of(file))))
        .orElseGet(TransparentEmotionModel::new);
  }
}
