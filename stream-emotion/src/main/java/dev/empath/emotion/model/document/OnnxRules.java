package dev.empath.emotion.model.document;

import dev.empath.emotion.model.Emotion;
import dev.empath.emotion.model.ModelInputs;
import dev.empath.schemas.v1.OnnxModel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an {@code onnx} document must declare: inputs the topology provides ({@link ModelInputs}),
 * outputs that are emotions every prediction scores, and where the bytes are. Whether the ONNX
 * graph itself matches the declaration is checked when the model is loaded ({@code
 * OnnxEmotionModel}), which admission does before accepting a document.
 */
final class OnnxRules {

  /** Inline bytes above this would not fit a record under the broker's default 1 MB limit. */
  static final int MAX_INLINE_BYTES = 900 * 1024;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private OnnxRules() {}

  static void check(OnnxModel m, List<String> problems) {
    String at = "onnx.";
    if (m.getInputsCount() == 0) {
      problems.add(at + "inputs: at least one input is required");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < m.getInputsCount(); i++) {
      String input = m.getInputs(i);
      if (ModelInputs.indexOf(input) < 0 || ModelInputs.needsArousal(input)) {
        problems.add(
            at
                + "inputs["
                + i
                + "]: '"
                + input
                + "' is not an input the topology provides (known: "
                + String.join(", ", onnxInputs())
                + ")");
      } else if (!seen.add(input)) {
        problems.add(at + "inputs[" + i + "]: '" + input + "' is declared twice");
      }
    }
    if (m.getOutputsCount() == 0) {
      problems.add(at + "outputs: at least one emotion is required");
    }
    Set<String> emotions = new HashSet<>();
    for (int i = 0; i < m.getOutputsCount(); i++) {
      String output = m.getOutputs(i);
      if (Arrays.stream(Emotion.values()).noneMatch(e -> e.wireName().equals(output))) {
        problems.add(at + "outputs[" + i + "]: '" + output + "' is not an emotion");
      } else if (!emotions.add(output)) {
        problems.add(at + "outputs[" + i + "]: '" + output + "' is declared twice");
      }
    }
    bytes(m, problems);
  }

  private static void bytes(OnnxModel m, List<String> problems) {
    boolean inline = !m.getModel().isEmpty();
    boolean path = !m.getModelPath().isBlank();
    if (inline == path) {
      problems.add("onnx: exactly one of model (inline bytes) and model_path is required");
    }
    if (inline && m.getModel().size() > MAX_INLINE_BYTES) {
      problems.add(
          "onnx.model: "
              + m.getModel().size()
              + " bytes inline is over "
              + MAX_INLINE_BYTES
              + "; place the file where every instance can read it and set model_path");
    }
    if (path && m.getSha256().isEmpty()) {
      problems.add("onnx.sha256 is required with model_path (the content hash of the file)");
    }
    if (!m.getSha256().isEmpty() && !SHA256.matcher(m.getSha256()).matches()) {
      problems.add("onnx.sha256 must be 64 lower-case hex digits");
    }
  }

  private static List<String> onnxInputs() {
    return ModelInputs.NAMES.stream()
        .filter(n -> !ModelInputs.needsArousal(n))
        .collect(Collectors.toList());
  }
}
