package dev.empath.query.character;

import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.ScoredMemory;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * How a character feels about a player (decayed to the time of the request) and what it remembers
 * of them, ranked by importance x recency.
 */
@Serdeable
public record RelationshipView(
    String gameId,
    String characterId,
    String playerId,
    double affinity,
    double trust,
    long interactions,
    long lastInteractionMs,
    List<MemoryView> memories) {

  /** One memory with its ranking score. */
  @Serdeable
  public record MemoryView(
      String eventId,
      String kind,
      String summary,
      String playerText,
      double impact,
      double importance,
      long timestampMs,
      String sessionId,
      String sceneId,
      double score) {

    static MemoryView of(ScoredMemory scored) {
      Memory m = scored.memory();
      return new MemoryView(
          m.eventId(),
          m.kind(),
          m.summary(),
          m.playerText(),
          m.impact(),
          m.importance(),
          m.timestampMs(),
          m.sessionId(),
          m.sceneId(),
          scored.score());
    }
  }

  public static RelationshipView of(Relationship r, List<ScoredMemory> memories) {
    return new RelationshipView(
        r.gameId(),
        r.characterId(),
        r.playerId(),
        r.affinity(),
        r.trust(),
        r.interactions(),
        r.lastInteractionMs(),
        memories.stream().map(MemoryView::of).toList());
  }
}
