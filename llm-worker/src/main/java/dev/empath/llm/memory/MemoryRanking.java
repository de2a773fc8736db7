package dev.empath.llm.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ranks memories by recency × importance × relevance, in the spirit of generative agents (Park et
 * al., 2023): recency decays exponentially with a half-life, relevance is the share of the cue's
 * words the memory mentions (cheap, no embeddings) and only ever raises a memory.
 */
public final class MemoryRanking {

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final long halfLifeMs;

  public MemoryRanking(long halfLifeMs) {
    this.halfLifeMs = halfLifeMs;
  }

  public double score(Memory m, Set<String> cueWords, long nowMs) {
    double ageMs = Math.max(0, nowMs - m.timestampMs());
    double recency = Math.pow(0.5, ageMs / halfLifeMs);
    double importance = Math.max(0.05, Math.min(1.0, m.importance()));
    return recency * importance * (1.0 + relevance(m.words(), cueWords));
  }

  public List<Memory> top(List<Memory> candidates, String cue, long nowMs, int limit) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    Set<String> cueWords = words(cue);
    // Scored once each, not on every comparison of the sort.
    List<Scored> scored = new ArrayList<>(candidates.size());
    for (Memory m : candidates) {
      scored.add(new Scored(m, score(m, cueWords, nowMs)));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    return scored.stream().limit(limit).map(Scored::memory).toList();
  }

  private record Scored(Memory memory, double score) {}

  static double relevance(Set<String> memoryWords, Set<String> cueWords) {
    if (cueWords.isEmpty()) {
      return 0;
    }
    long shared = cueWords.stream().filter(memoryWords::contains).count();
    return (double) shared / cueWords.size();
  }

  /**
   * The words of {@code s} worth matching: lower case, longer than three letters (unmodifiable).
   */
  static Set<String> words(String s) {
    if (s == null) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (String w : NON_WORD.split(s.toLowerCase(Locale.ROOT))) {
      if (w.length() > 3) { // short words are mostly stop words
        out.add(w);
      }
    }
    return Set.copyOf(out); // compact: held for every cached memory
  }
}
