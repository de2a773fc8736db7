package dev.empath.cli.tool;

import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.emotion.model.document.ModelRejectedException;
import dev.empath.narrative.policy.PolicyDocuments;
import dev.empath.narrative.policy.PolicyRejectedException;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.NarrativePolicy;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Candidate files read and validated, with a mistake reported as one line naming the field. */
public final class Candidates {

  private Candidates() {}

  public static NarrativePolicy policy(Path file) {
    requireReadable(file, "--policy");
    try {
      return PolicyDocuments.read(file);
    } catch (PolicyRejectedException | UncheckedIOException e) {
      throw new UserError("--policy: " + e.getMessage());
    }
  }

  /** A model document that is valid and builds (an ONNX graph loads with its declared widths). */
  public static EmotionModelDocument model(Path file) {
    requireReadable(file, "--model");
    try {
      EmotionModelDocument document = ModelDocuments.read(file);
      EmotionModels.close(EmotionModels.of(document));
      return document;
    } catch (ModelRejectedException | UncheckedIOException | IllegalArgumentException e) {
      throw new UserError("--model: " + e.getMessage());
    }
  }

  private static void requireReadable(Path file, String option) {
    if (!Files.isReadable(file)) {
      throw new UserError(option + ": cannot read " + file);
    }
  }
}
