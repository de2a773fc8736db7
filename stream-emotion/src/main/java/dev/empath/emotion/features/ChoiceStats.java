package dev.empath.emotion.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Repetition and entropy of a window of choices: retrying or doing the same thing again. */
public record ChoiceStats(double repetition, double entropy) {

  /**
   * {@code repetition} is the share of the most frequent choice (1 = always the same); {@code
   * entropy} is the Shannon entropy normalised by its maximum for the window size (0 = always the
   * same, 1 = all different). Fewer than two choices say nothing about repetition: absent.
   */
  public static java.util.Optional<ChoiceStats> of(List<Integer> choices) {
    if (choices.size() < 2) {
      return java.util.Optional.empty();
    }
    Map<Integer, Integer> counts = new HashMap<>();
    choices.forEach(c -> counts.merge(c, 1, Integer::sum));
    int n = choices.size();
    int max = 0;
    double entropy = 0;
    for (int count : counts.values()) {
      max = Math.max(max, count);
      double p = count / (double) n;
      entropy -= p * Math.log(p);
    }
    double normalised = entropy / Math.log(n);
    return java.util.Optional.of(new ChoiceStats(max / (double) n, normalised));
  }
}
