package dev.empath.readmodel.asof;

import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.ScoredMemory;
import java.util.List;

/**
 * A relationship as of a moment.
 *
 * @param relationship affinity and trust decayed to the moment
 * @param memories the memories of the player then, ranked as of the moment
 */
public record RelationshipAt(Relationship relationship, List<ScoredMemory> memories) {

  public RelationshipAt {
    memories = List.copyOf(memories);
  }
}
