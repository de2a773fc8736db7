package dev.empath.llm.memory;

import java.util.Set;

/**
 * Something a character remembers about a player.
 *
 * @param importance 0..1, how much it mattered when it happened
 * @param timestampMs when it happened (epoch ms)
 * @param words the text's words as {@link MemoryRanking} matches them against a cue, split once
 *     here rather than on every ranking
 */
public record Memory(String text, double importance, long timestampMs, Set<String> words) {

  public Memory(String text, double importance, long timestampMs) {
    this(text, importance, timestampMs, MemoryRanking.words(text));
  }
}
