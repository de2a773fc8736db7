package dev.empath.cli.state;

import dev.empath.query.character.CharacterView;
import dev.empath.query.character.RelationshipView;
import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import dev.empath.readmodel.character.CharacterReader;
import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.Decay;
import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.SpokenLine;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.write.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * The API's as-of answers computed from a folded store: the latest history entry, decayed and
 * ranked as of the moment, exactly as query-api does it from Redis.
 */
final class StateAnswers {

  private final InMemoryStore store;
  private final Keyspace keys;
  private final long atMs;

  StateAnswers(InMemoryStore store, Keyspace keys, long atMs) {
    this.store = store;
    this.keys = keys;
    this.atMs = atMs;
  }

  Optional<CharacterView> character(String game, String character, int lines) {
    return latest(keys.characterStateHistory(game, character), CharacterState.class)
        .map(
            s ->
                CharacterView.of(
                    s.decayedTo(atMs, Decay.MOOD),
                    newest(keys.characterLines(game, character), lines, SpokenLine.class)));
  }

  Optional<RelationshipView> relationship(
      String game, String character, String player, int memories) {
    List<Memory> kept = new ArrayList<>();
    store.set(keys.memories(game, character, player)).forEach(m -> kept.add(read(m, Memory.class)));
    return latest(keys.relationshipHistory(game, character, player), Relationship.class)
        .map(
            r ->
                RelationshipView.of(
                    r.decayedTo(atMs, Decay.RELATIONSHIP),
                    CharacterReader.rank(kept, atMs, memories)));
  }

  Optional<EmotionView> emotion(String game, String session) {
    return latest(keys.sessionTimeline(game, session), EmotionSnapshot.class).map(EmotionView::of);
  }

  Optional<NarrativeView> narrative(String game, String session) {
    return latest(keys.sessionDecisions(game, session), NarrativeSnapshot.class)
        .map(NarrativeView::of);
  }

  private <T> Optional<T> latest(String key, Class<T> type) {
    NavigableSet<InMemoryStore.Scored> set = store.set(key);
    return set.isEmpty() ? Optional.empty() : Optional.of(read(set.last(), type));
  }

  private <T> List<T> newest(String key, int n, Class<T> type) {
    List<T> out = new ArrayList<>(n);
    for (InMemoryStore.Scored s : store.set(key).descendingSet()) {
      if (out.size() == n) {
        break;
      }
      out.add(read(s, type));
    }
    return out;
  }

  private static <T> T read(InMemoryStore.Scored entry, Class<T> type) {
    return Json.read(entry.member(), type);
  }
}
