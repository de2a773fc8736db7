package dev.empath.query;

import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.SpokenLine;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.usage.UsageCounters;
import dev.empath.readmodel.usage.UsageDelta;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/** Writes read-model data the way the projector does: write ops over the shared key layout. */
final class TestData {

  static final int TIMELINE_ENTRIES = 30;
  static final long T0 = 1_700_000_000_000L;

  private final UnifiedJedis redis;
  private final Keyspace keys;

  TestData(UnifiedJedis redis) {
    this(redis, new Keyspace(ActiveVersion.read(redis)));
  }

  /** Writes into {@code keys}, whichever version is active. */
  TestData(UnifiedJedis redis, Keyspace keys) {
    this.redis = redis;
    this.keys = keys;
  }

  Keyspace keys() {
    return keys;
  }

  /** A session with {@link #TIMELINE_ENTRIES} predictions p0..p29, one second apart. */
  void session(String game, String session) {
    List<WriteOp> ops = new ArrayList<>();
    for (int i = 0; i < TIMELINE_ENTRIES; i++) {
      EmotionSnapshot e = emotion(game, session, i);
      ops.add(new WriteOp.Put(keys.sessionEmotion(game, session), Json.write(e)));
      ops.add(
          new WriteOp.AddCapped(
              keys.sessionTimeline(game, session), e.timestampMs(), Json.write(e), 100));
    }
    ops.add(
        new WriteOp.Put(
            keys.sessionNarrative(game, session), Json.write(narrative(game, session))));
    apply(ops);
  }

  void character(String game, String character, String player) {
    long now = System.currentTimeMillis();
    List<WriteOp> ops = new ArrayList<>();
    ops.add(
        new WriteOp.Put(
            keys.characterState(game, character),
            Json.write(new CharacterState(game, character, 0.5, 0.2, 3, now, player, "scene-1"))));
    ops.add(
        new WriteOp.AddCapped(
            keys.characterLines(game, character),
            now,
            Json.write(
                new SpokenLine(
                    "r1", "s1", player, "NPC_LINE", "warm", "Welcome back.", "offline", "t", now)),
            20));
    ops.add(
        new WriteOp.Put(
            keys.relationship(game, character, player),
            Json.write(new Relationship(game, character, player, 0.6, 0.3, 3, now))));
    for (int i = 0; i < 12; i++) {
      Memory m =
          new Memory("e" + i, "talk", "memory " + i, "", 0.1, 0.05 * (i + 1), now - i, "s1", "x");
      ops.add(
          new WriteOp.AddCapped(
              keys.memories(game, character, player), m.timestampMs(), Json.write(m), 50));
    }
    apply(ops);
  }

  void usage(String game) {
    List<WriteOp> ops = new ArrayList<>();
    ops.addAll(
        UsageCounters.increments(
            keys, new UsageDelta(game, "openai", "gpt-x", true, false, 100, 20, 300, 1500)));
    ops.addAll(
        UsageCounters.increments(
            keys, new UsageDelta(game, "offline", "templates", true, true, 0, 12, 1, 0)));
    apply(ops);
  }

  void apply(List<WriteOp> ops) {
    try (AbstractPipeline p = redis.pipelined()) {
      WriteOps.apply(p, ops);
      p.sync();
    }
  }

  static EmotionSnapshot emotion(String game, String session, int i) {
    return new EmotionSnapshot(
        "p" + i,
        game,
        session,
        "player-1",
        T0 + i * 1000L,
        "joy",
        0.5,
        Map.of("joy", 0.5, "calm", 0.3, "frustration", 0.2),
        0.2,
        0.3,
        "m1",
        i,
        "scene-1",
        "");
  }

  static NarrativeSnapshot narrative(String game, String session) {
    return new NarrativeSnapshot(
        "d1",
        game,
        session,
        "player-1",
        T0,
        "BUILD_UP",
        T0 - 5000,
        0.4,
        0.1,
        "tense",
        Map.of("lighting", "dim"),
        false,
        List.of(new NarrativeSnapshot.Reason("phase", "intensity_rising", "0.4 > 0.3")),
        "policy-7",
        "p29",
        "joy",
        "scene-1",
        "");
  }
}
