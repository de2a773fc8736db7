package dev.empath.readmodel.character;

/**
 * A memory with its retrieval score: importance weighted by recency.
 *
 * @param score importance x 0.5^(age / half-life)
 */
public record ScoredMemory(Memory memory, double score) {}
