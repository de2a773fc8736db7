package dev.empath.emotion.model;

import dev.empath.schemas.v1.OnnxModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of an ONNX model: inline in the document, or in a file the operator placed at {@code
 * model_path} on every instance. The content hash pins the file: a document names exactly one
 * model, so replacing the file without publishing a new document is refused, not run.
 */
public final class OnnxModelBytes {

  private OnnxModelBytes() {}

  public static byte[] of(OnnxModel m) {
    byte[] bytes =
        m.getModel().isEmpty() ? read(Path.of(m.getModelPath())) : m.getModel().toByteArray();
    if (!m.getSha256().isEmpty() && !m.getSha256().equals(sha256(bytes))) {
      throw new IllegalArgumentException(
          "onnx model bytes"
              + (m.getModelPath().isBlank() ? "" : " at " + m.getModelPath())
              + " have sha256 "
              + sha256(bytes)
              + ", the document says "
              + m.getSha256());
    }
    return bytes;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read onnx model file " + file, e);
    }
  }
}
