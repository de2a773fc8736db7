package dev.empath.readmodel.character;

/**
 * How a character feels about a player. Both values are bounded to -1..1 and drift back to neutral
 * (0) without contact; stored as of the last interaction, decayed on read.
 *
 * @param affinity -1 (hostile) .. 1 (warm)
 * @param trust -1 (distrust) .. 1 (full trust)
 * @param interactions interactions folded so far
 * @param lastInteractionMs event time of the last interaction
 */
public record Relationship(
    String gameId,
    String characterId,
    String playerId,
    double affinity,
    double trust,
    long interactions,
    long lastInteractionMs) {

  public Relationship {
    affinity = clamp(affinity);
    trust = clamp(trust);
  }

  /** A relationship without history: neutral. */
  public static Relationship neutral(String game, String character, String player) {
    return new Relationship(game, character, player, 0, 0, 0, 0);
  }

  /** The values as they have decayed by {@code nowMs}. */
  public Relationship decayedTo(long nowMs, Decay decay) {
    long elapsed = nowMs - lastInteractionMs;
    return new Relationship(
        gameId,
        characterId,
        playerId,
        decay.apply(affinity, 0, elapsed),
        decay.apply(trust, 0, elapsed),
        interactions,
        lastInteractionMs);
  }

  public static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
