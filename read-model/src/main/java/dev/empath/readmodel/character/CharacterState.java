package dev.empath.readmodel.character;

/**
 * A character's own emotional state, moved by how players treat it.
 *
 * @param mood -1 (hurt, hostile) .. 1 (content), neutral 0
 * @param tension 0 (at ease) .. 1 (on edge), neutral 0
 * @param interactions interactions folded so far
 * @param updatedAtMs event time of the last interaction; mood and tension are as of this time
 */
public record CharacterState(
    String gameId,
    String characterId,
    double mood,
    double tension,
    long interactions,
    long updatedAtMs,
    String lastPlayerId,
    String lastSceneId) {

  /** The state as it has decayed by {@code nowMs} (no decay for times before the last update). */
  public CharacterState decayedTo(long nowMs, Decay decay) {
    long elapsed = nowMs - updatedAtMs;
    return new CharacterState(
        gameId,
        characterId,
        decay.apply(mood, 0, elapsed),
        decay.apply(tension, 0, elapsed),
        interactions,
        updatedAtMs,
        lastPlayerId,
        lastSceneId);
  }
}
