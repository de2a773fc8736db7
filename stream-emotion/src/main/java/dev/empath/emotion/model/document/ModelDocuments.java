package dev.empath.emotion.model.document;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.empath.schemas.v1.EmotionModelDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model documents are the protobuf JSON mapping of {@link EmotionModelDocument}, as narrative
 * policies are of theirs. Unknown fields are an error, not ignored, so a misspelt weight cannot
 * silently fall back to zero.
 */
public final class ModelDocuments {

  private ModelDocuments() {}

  /** Parses and validates a JSON model document. */
  public static EmotionModelDocument parse(String json, String source) {
    EmotionModelDocument.Builder builder = EmotionModelDocument.newBuilder();
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelRejectedException(source, "not a valid model document: " + e.getMessage(), e);
    }
    return ModelRules.requireValid(builder.build(), source);
  }

  public static EmotionModelDocument read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
    }
  }

  /** Reads a model document from the classpath. */
  public static EmotionModelDocument resource(String name) {
    try (InputStream in = ModelDocuments.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("model resource " + name + " not found");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model resource " + name, e);
    }
  }

  public static String toJson(EmotionModelDocument document) {
    try {
      return JsonFormat.printer().print(document);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("model document cannot be printed as JSON", e);
    }
  }
}
