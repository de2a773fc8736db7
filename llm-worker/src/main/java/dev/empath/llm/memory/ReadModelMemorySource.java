package dev.empath.llm.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Memories from the projected read model (what memory-projector folded from the interaction topic):
 * the newest {@code window} of a character's memories of a player, ranked by {@link MemoryRanking}
 * (recency × importance × cheap relevance to the moment).
 */
public final class ReadModelMemorySource implements MemorySource {

  /** Reads the newest memories of a character about a player, newest first. */
  @FunctionalInterface
  public interface Recent {
    List<dev.empath.readmodel.character.Memory> newest(
        String game, String character, String player, int window);
  }

  private final Recent recent;
  private final MemoryRanking ranking;
  private final int window;
  private final Clock clock;

  /**
   * @param recent {@code CharacterReader::recentMemories}, or {@link TrackedMemories} to keep them
   *     in memory between requests; closed with this source if it is {@link AutoCloseable}
   */
  public ReadModelMemorySource(Recent recent, MemoryRanking ranking, int window, Clock clock) {
    this.recent = recent;
    this.ranking = ranking;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public List<Memory> top(
      String gameId, String characterId, String playerId, String cue, int limit) {
    List<Memory> memories = new ArrayList<>();
    for (dev.empath.readmodel.character.Memory m :
        recent.newest(gameId, characterId, playerId, window)) {
      memories.add(new Memory(m.summary(), m.importance(), m.timestampMs()));
    }
    return ranking.top(memories, cue, clock.millis(), limit);
  }

  @Override
  public void close() throws Exception {
    if (recent instanceof AutoCloseable resource) {
      resource.close();
    }
  }
}
