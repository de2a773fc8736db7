package dev.empath.projector.fold;

import com.google.protobuf.Message;
import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.Decay;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.usage.UsageCounters;
import dev.empath.readmodel.usage.UsageDelta;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The projection as a pure function: (stored state, event) → Redis writes. No I/O; the same events
 * in the same order always give the same writes, which is what makes a replay or a rebuild produce
 * identical bytes. Time is the event's own timestamp, never the wall clock.
 */
public final class EventFold {

  private final Keyspace keys;
  private final FoldRules rules;

  public EventFold(Keyspace keys, FoldRules rules) {
    this.keys = keys;
    this.rules = rules;
  }

  public Keyspace keyspace() {
    return keys;
  }

  /** Stored values {@link #apply} will read for {@code event}: load them first. */
  public List<String> keysToRead(Message event) {
    if (event instanceof CharacterInteraction i) {
      return List.of(
          keys.relationship(i.getGameId(), i.getCharacterId(), i.getPlayerId()),
          keys.characterState(i.getGameId(), i.getCharacterId()));
    }
    return List.of();
  }

  /** Decodes a stored value of a key {@link #keysToRead} named. */
  public Object decode(String key, String json) {
    if (key.endsWith(":rel")) {
      return Json.read(json, Relationship.class);
    }
    if (key.endsWith(":state")) {
      return Json.read(json, CharacterState.class);
    }
    throw new IllegalArgumentException("the fold does not read " + key);
  }

  /** Folds one event: updates {@code state} and returns the writes that store the result. */
  public List<WriteOp> apply(Message event, WorkingSet state) {
    Writes.OneByOne writes = new Writes.OneByOne();
    fold(event, state, writes);
    return writes.ops();
  }

  /**
   * Folds {@code events} in order, as {@link #apply} one by one would, into writes that leave the
   * store in the same state. A key set several times is written once, with its last value, and a
   * session's activity once, with its latest time: in a batch most of them are overwritten before
   * they ever reach Redis.
   */
  public List<WriteOp> applyAll(List<? extends Message> events, WorkingSet state) {
    Writes.LastSetWins writes = new Writes.LastSetWins();
    for (Message event : events) {
      fold(event, state, writes);
    }
    return writes.ops();
  }

  /**
   * Redis Cluster, after a crash: folds {@code events} as {@link #applyAll} does, except that an
   * event is not applied to a group (hash tag) that has applied it already: its writes to that
   * group are left out, and the group's state stays as loaded.
   *
   * @param offsets each event's source offset
   * @param appliedAlready whether the group with a tag has applied the record at an offset
   */
  public List<WriteOp> applyAllExcept(
      List<? extends Message> events,
      List<Long> offsets,
      WorkingSet state,
      BiPredicate<String, Long> appliedAlready) {
    List<WriteOp> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Message event = events.get(i);
      long offset = offsets.get(i);
      Map<String, Optional<Object>> kept = new HashMap<>();
      for (String key : keysToRead(event)) {
        if (appliedAlready.test(Keyspace.hashTag(key), offset)) {
          kept.put(key, state.peek(key));
        }
      }
      for (WriteOp op : apply(event, state)) {
        if (!appliedAlready.test(Keyspace.hashTag(op.key()), offset)) {
          out.add(op);
        }
      }
      kept.forEach(state::load);
    }
    return out;
  }

  private void fold(Message event, WorkingSet state, Writes writes) {
    if (event instanceof CharacterInteraction i) {
      interaction(i, state, writes);
    } else if (event instanceof EmotionPrediction p) {
      emotion(p, writes);
    } else if (event instanceof NarrativeDecision d) {
      narrative(d, writes);
    } else if (event instanceof GenerationResult r) {
      generation(r, writes);
    } else {
      throw new IllegalArgumentException("not a projected event: " + event.getClass().getName());
    }
  }

  private void emotion(EmotionPrediction p, Writes writes) {
    EmotionSnapshot snapshot = Snapshots.emotion(p);
    String json = Json.write(snapshot);
    writes.setEncoded(keys.sessionEmotion(p.getGameId(), p.getSessionId()), json);
    writes.add(
        new WriteOp.AddCapped(
            keys.sessionTimeline(p.getGameId(), p.getSessionId()),
            p.getTimestampMs(),
            json,
            rules.timelineCap()));
    touchSession(p.getGameId(), p.getSessionId(), p.getTimestampMs(), writes);
  }

  private void narrative(NarrativeDecision d, Writes writes) {
    String json = Json.write(Snapshots.narrative(d));
    writes.setEncoded(keys.sessionNarrative(d.getGameId(), d.getSessionId()), json);
    writes.add(
        new WriteOp.AddCapped(
            keys.sessionDecisions(d.getGameId(), d.getSessionId()),
            d.getTimestampMs(),
            json,
            rules.historyCap()));
    touchSession(d.getGameId(), d.getSessionId(), d.getTimestampMs(), writes);
  }

  private void touchSession(String game, String session, long at, Writes writes) {
    writes.touch(keys.gameSessions(game), session, at, rules.sessionsCap());
  }

  private void interaction(CharacterInteraction i, WorkingSet state, Writes writes) {
    String game = i.getGameId();
    String character = i.getCharacterId();
    String player = i.getPlayerId();
    long at = i.getTimestampMs();
    InteractionEffects effects = InteractionEffects.of(i.getKind());
    double impact = i.getImpact();

    String relKey = keys.relationship(game, character, player);
    Relationship before =
        state
            .get(relKey, Relationship.class)
            .orElse(Relationship.neutral(game, character, player))
            .decayedTo(at, Decay.RELATIONSHIP);
    Relationship after =
        new Relationship(
            game,
            character,
            player,
            InteractionEffects.saturatingAdd(before.affinity(), impact * effects.affinityScale()),
            InteractionEffects.saturatingAdd(
                before.trust(), effects.trustStep() * (0.5 + 0.5 * Math.abs(impact))),
            before.interactions() + 1,
            Math.max(before.lastInteractionMs(), at));
    state.put(relKey, after);

    String stateKey = keys.characterState(game, character);
    CharacterState mood =
        state
            .get(stateKey, CharacterState.class)
            .orElse(new CharacterState(game, character, 0, 0, 0, at, "", ""))
            .decayedTo(at, Decay.MOOD);
    double tension =
        Math.min(1, mood.tension() + effects.tensionStep() * Math.max(0.3, Math.abs(impact)));
    CharacterState moodAfter =
        new CharacterState(
            game,
            character,
            InteractionEffects.saturatingAdd(mood.mood(), 0.3 * impact),
            tension,
            mood.interactions() + 1,
            Math.max(mood.updatedAtMs(), at),
            player,
            i.getSceneId());
    state.put(stateKey, moodAfter);

    String relJson = Json.write(after);
    String moodJson = Json.write(moodAfter);
    writes.setEncoded(relKey, relJson);
    writes.setEncoded(stateKey, moodJson);
    writes.add(
        new WriteOp.AddCapped(
            keys.relationshipHistory(game, character, player), at, relJson, rules.historyCap()));
    writes.add(
        new WriteOp.AddCapped(
            keys.characterStateHistory(game, character), at, moodJson, rules.historyCap()));
    writes.add(
        new WriteOp.AddCapped(
            keys.memories(game, character, player),
            at,
            Json.write(Snapshots.memory(i, effects.importance(impact))),
            rules.memoryCap()));
  }

  private void generation(GenerationResult r, Writes writes) {
    boolean succeeded = r.getStatus() == GenerationStatus.GENERATION_STATUS_SUCCEEDED;
    writes.addAll(
        UsageCounters.increments(
            keys,
            new UsageDelta(
                r.getGameId(),
                r.getProvider(),
                r.getModel(),
                succeeded,
                r.getCached(),
                r.getTokensIn(),
                r.getTokensOut(),
                r.getLatencyMs(),
                UsageDelta.toMicroUsd(r.getCostUsd()))));
    if (succeeded && !r.getCharacterId().isEmpty() && !r.getText().isEmpty()) {
      writes.add(
          new WriteOp.AddCapped(
              keys.characterLines(r.getGameId(), r.getCharacterId()),
              r.getCompletedAtMs(),
              Json.write(Snapshots.line(r)),
              rules.linesCap()));
    }
  }
}
