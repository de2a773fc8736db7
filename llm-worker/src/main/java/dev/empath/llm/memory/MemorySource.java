package dev.empath.llm.memory;

import java.util.List;

/** Where prompts get a character's memories of a player from. */
public interface MemorySource extends AutoCloseable {

  /**
   * The memories most worth mentioning now, best first.
   *
   * @param cue text of the moment (the player's words, the scene) for a cheap relevance score
   */
  List<Memory> top(String gameId, String characterId, String playerId, String cue, int limit);

  /** Releases what the source holds (connections, cached memories); by default nothing. */
  @Override
  default void close() throws Exception {}

  /** No memories: the source when no read model is configured. */
  static MemorySource none() {
    return (game, character, player, cue, limit) -> List.of();
  }
}
