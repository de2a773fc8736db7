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

  /** Reads the newest memories of a character about a player, newest first. */
  @FunctionalInterface
  public interface Recent {
    List<Memory> newest(String game, String character, String player, int window);
  }

  /** Reads the read model on every call. */
  public static Recent uncached(CharacterReader characters) {
    return (game, character, player, window) ->
        prompted(characters.recentMemories(game, character, player, window));
  }

  /** The projected memories as prompts use them, their words split once here. */
  static List<Memory> prompted(List<dev.empath.readmodel.character.Memory> projected) {
    List<Memory> out = new ArrayList<>(projected.size());
    for (dev.empath.readmodel.character.Memory m : projected) {
      out.add(new Memory(m.summary(), m.importance(), m.timestampMs()));
    }
    return List.copyOf(out);
  }

  private final Recent recent;
  private final MemoryRanking ranking;
  private final int window;
  private final Clock clock;

  /**
   * @param recent {@link #uncached}, or {@link TrackedMemories} to keep them in memory between
   *     requests; closed with this source if it is {@link AutoCloseable}
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
    return ranking.top(
        recent.newest(gameId, characterId, playerId, window), cue, clock.millis(), limit);
  }

  @Override
  public void close() throws Exception {
    if (recent instanceof AutoCloseable resource) {
      resource.close();
    }
  }
}
