package dev.empath.emotion.labels;

import java.util.List;
import java.util.Locale;

/**
 * How well predicted emotions match labels: accuracy, macro-F1 (the mean F1 over the emotions that
 * occur among the labels, so a rare emotion counts as much as a common one) and the confusion
 * matrix over every emotion (rows: labelled, columns: predicted).
 */
public record Evaluation(
    double accuracy, double macroF1, int[][] confusion, List<String> emotions) {

  public static Evaluation of(List<String> emotions, List<String> truth, List<String> predicted) {
    int n = emotions.size();
    int[][] confusion = new int[n][n];
    int correct = 0;
    for (int i = 0; i < truth.size(); i++) {
      int t = emotions.indexOf(truth.get(i));
      int p = emotions.indexOf(predicted.get(i));
      if (t < 0 || p < 0) {
        throw new IllegalArgumentException(
            "unknown emotion " + truth.get(i) + "/" + predicted.get(i));
      }
      confusion[t][p]++;
      if (t == p) {
        correct++;
      }
    }
    double f1Sum = 0;
    int present = 0;
    for (int e = 0; e < n; e++) {
      int tp = confusion[e][e];
      int labelled = 0;
      int said = 0;
      for (int k = 0; k < n; k++) {
        labelled += confusion[e][k];
        said += confusion[k][e];
      }
      if (labelled == 0) {
        continue;
      }
      present++;
      f1Sum += tp == 0 ? 0 : 2.0 * tp / (labelled + said);
    }
    return new Evaluation(
        truth.isEmpty() ? 0 : correct / (double) truth.size(),
        present == 0 ? 0 : f1Sum / present,
        confusion,
        emotions);
  }

  /** The matrix as aligned text lines, labelled emotions down, predicted across. */
  public String table() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-12s", "label\\pred"));
    emotions.forEach(e -> out.append(String.format(Locale.ROOT, "%12s", e)));
    out.append('\n');
    for (int t = 0; t < emotions.size(); t++) {
      out.append(String.format(Locale.ROOT, "%-12s", emotions.get(t)));
      for (int p = 0; p < emotions.size(); p++) {
        out.append(String.format(Locale.ROOT, "%12d", confusion[t][p]));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
