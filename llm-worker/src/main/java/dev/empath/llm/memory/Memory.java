package dev.empath.llm.memory;

/**
 * Something a character remembers about a player.
 *
 * @param importance 0..1, how much it mattered when it happened
 * @param timestampMs when it happened (epoch ms)
 */
public record Memory(String text, double importance, long timestampMs) {}
