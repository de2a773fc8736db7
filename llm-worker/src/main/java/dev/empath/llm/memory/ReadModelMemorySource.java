package dev.empath.llm.memory;

import dev.empath.readmodel.character.CharacterReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Memories from the projected read model (what memory-projector folded from the interaction topic):
 * the newest {@code window} of a character's memories of a player, ranked by {@link MemoryRanking}
 * (recency × importance × cheap relevance to the moment).
 */
public final class ReadModelMemorySource implements MemorySource {

  private final CharacterReader characters;
  private final MemoryRanking ranking;
  private final int window;
  private final Clock clock;

  public ReadModelMemorySource(
      CharacterReader characters, MemoryRanking ranking, int window, Clock clock) {
    this.characters = characters;
    this.ranking = ranking;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public List<Memory> top(
      String gameId, String characterId, String playerId, String cue, int limit) {
    List<Memory> memories = new ArrayList<>();
    for (dev.empath.readmodel.character.Memory m :
        characters.recentMemories(gameId, characterId, playerId, window)) {
      memories.add(new Memory(m.summary(), m.importance(), m.timestampMs()));
    }
    return ranking.top(memories, cue, clock.millis(), limit);
  }
}
