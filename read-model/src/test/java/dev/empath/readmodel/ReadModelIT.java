package dev.empath.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.readmodel.character.CharacterReader;
import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.SpokenLine;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.ActiveSession;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.session.TimelineQuery;
import dev.empath.readmodel.usage.UsageCounters;
import dev.empath.readmodel.usage.UsageDelta;
import dev.empath.readmodel.usage.UsageTotals;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

class ReadModelIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void readsWhatWasWrittenThroughTheActiveVersion() {
    RedisClient client = redis.client();
    String game = redis.uniqueName("game");
    Keyspace v1 = new Keyspace(1);
    List<WriteOp> ops = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      EmotionSnapshot e = emotion(game, "s1", i);
      ops.add(new WriteOp.Put(v1.sessionEmotion(game, "s1"), Json.write(e)));
      ops.add(
          new WriteOp.AddCapped(
              v1.sessionTimeline(game, "s1"), e.timestampMs(), Json.write(e), 20));
    }
    apply(client, ops);

    ReadModel model = new ReadModel(client, new ActiveVersion(client, 0));
    assertThat(model.sessions().latestEmotion(game, "s1"))
        .get()
        .extracting(EmotionSnapshot::predictionId)
        .isEqualTo("p29");
    assertThat(model.sessions().latestEmotion(game, "other")).isEmpty();
    assertThat(model.sessions().timelineSize(game, "s1")).isEqualTo(20);

    Page<EmotionSnapshot> newest =
        model.sessions().emotionTimeline(game, "s1", TimelineQuery.latest(5));
    assertThat(newest.items())
        .extracting(EmotionSnapshot::predictionId)
        .containsExactly("p29", "p28", "p27", "p26", "p25");
    Page<EmotionSnapshot> next =
        model
            .sessions()
            .emotionTimeline(
                game, "s1", TimelineQuery.latest(5).after(newest.nextCursor().orElseThrow()));
    assertThat(next.items().get(0).predictionId()).isEqualTo("p24");

    Page<EmotionSnapshot> range =
        model
            .sessions()
            .emotionTimeline(game, "s1", new TimelineQuery(1_012_000, 1_014_000, 10, 0, false));
    assertThat(range.items())
        .extracting(EmotionSnapshot::predictionId)
        .containsExactly("p12", "p13", "p14");
    assertThat(range.nextCursor()).isEmpty();

    // A new version becomes visible only when the pointer moves to it.
    Keyspace v2 = new Keyspace(2);
    apply(
        client,
        List.of(
            new WriteOp.Put(v2.sessionEmotion(game, "s1"), Json.write(emotion(game, "s1", 99)))));
    assertThat(model.sessions().latestEmotion(game, "s1").orElseThrow().predictionId())
        .isEqualTo("p29");
    client.set(Keyspace.ACTIVE_VERSION_KEY, "2");
    assertThat(model.sessions().latestEmotion(game, "s1").orElseThrow().predictionId())
        .isEqualTo("p99");
    client.del(Keyspace.ACTIVE_VERSION_KEY);
  }

  @Test
  void listsSessionsByLastActivityAndPagesTheDecisionHistory() {
    RedisClient client = redis.client();
    String game = redis.uniqueName("game");
    Keyspace v1 = new Keyspace(1);
    List<WriteOp> ops = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ops.add(new WriteOp.AddCapped(v1.gameSessions(game), 1_000 + i, "s" + i, 3));
      NarrativeSnapshot d =
          new NarrativeSnapshot(
              "d" + i,
              game,
              "s1",
              "p",
              2_000 + i,
              "relax",
              0,
              0.1,
              0,
              "calm",
              Map.of(),
              false,
              List.of(),
              "default-1",
              "x" + i,
              "calm",
              "",
              "");
      ops.add(
          new WriteOp.AddCapped(
              v1.sessionDecisions(game, "s1"), d.timestampMs(), Json.write(d), 10));
    }
    apply(client, ops);
    ReadModel model = new ReadModel(client, new ActiveVersion(client, 0));

    Page<ActiveSession> first = model.sessions().recentSessions(game, TimelineQuery.latest(2));
    assertThat(first.items())
        .containsExactly(new ActiveSession("s3", 1_003), new ActiveSession("s2", 1_002));
    assertThat(
            model
                .sessions()
                .recentSessions(
                    game, TimelineQuery.latest(2).after(first.nextCursor().orElseThrow()))
                .items())
        .containsExactly(new ActiveSession("s1", 1_001));
    assertThat(
            model
                .sessions()
                .decisionHistory(game, "s1", new TimelineQuery(2_001, 2_002, 10, 0, false))
                .items())
        .extracting(NarrativeSnapshot::decisionId)
        .containsExactly("d1", "d2");
    assertThat(model.sessions().decisionHistorySize(game, "s1")).isEqualTo(4);
  }

  @Test
  void relationshipsDecayOnReadAndMemoriesRankByImportanceAndRecency() {
    RedisClient client = redis.client();
    String game = redis.uniqueName("game");
    Keyspace v1 = new Keyspace(1);
    long day = 24L * 3600 * 1000;
    long now = 100 * day;
    Memory oldButBig =
        new Memory("e1", "betray", "stole the relic", "", -1, 1.0, now - 3 * day, "s", "x");
    Memory freshSmall = new Memory("e2", "talk", "chatted", "hi", 0.1, 0.2, now - 1000, "s", "x");
    Memory freshMid = new Memory("e3", "gift", "gave herb", "", 0.6, 0.7, now - day, "s", "x");
    List<WriteOp> ops = new ArrayList<>();
    for (Memory m : List.of(oldButBig, freshSmall, freshMid)) {
      ops.add(
          new WriteOp.AddCapped(v1.memories(game, "c", "p"), m.timestampMs(), Json.write(m), 50));
    }
    ops.add(
        new WriteOp.Put(
            v1.relationship(game, "c", "p"),
            Json.write(new Relationship(game, "c", "p", 0.8, 0.4, 3, now - 7 * day))));
    apply(client, ops);

    CharacterReader reader = new CharacterReader(client, new ActiveVersion(client, 0), () -> now);
    Relationship rel = reader.relationship(game, "c", "p").orElseThrow();
    assertThat(rel.affinity()).isCloseTo(0.4, within(1e-9));
    assertThat(rel.trust()).isCloseTo(0.2, within(1e-9));
    assertThat(reader.relationship(game, "c", "stranger")).isEmpty();

    assertThat(reader.recentMemories(game, "c", "p", 2))
        .extracting(Memory::eventId)
        .containsExactly("e2", "e3");
    // 0.7 * 0.5 = 0.35 > 1.0 * 0.125 > 0.2 * ~1
    assertThat(reader.topMemories(game, "c", "p", 3))
        .extracting(s -> s.memory().eventId())
        .containsExactly("e3", "e2", "e1");
  }

  @Test
  void spokenLinesNewestFirst() {
    RedisClient client = redis.client();
    String game = redis.uniqueName("game");
    Keyspace v1 = new Keyspace(1);
    List<WriteOp> ops = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SpokenLine line =
          new SpokenLine(
              "r" + i, "s", "p", "npc_line", "warm", "line " + i, "offline", "t", 1_000L + i);
      ops.add(
          new WriteOp.AddCapped(
              v1.characterLines(game, "c"), line.completedAtMs(), Json.write(line), 3));
    }
    apply(client, ops);
    CharacterReader reader = new CharacterReader(client, new ActiveVersion(client, 0));
    assertThat(reader.spokenLines(game, "c", 10))
        .extracting(SpokenLine::text)
        .containsExactly("line 4", "line 3", "line 2");
    assertThat(reader.spokenLines(game, "c", 1))
        .extracting(SpokenLine::requestId)
        .containsExactly("r4");
  }

  @Test
  void usageCountersAddUpPerGameAndRoute() {
    RedisClient client = redis.client();
    String game = redis.uniqueName("game");
    Keyspace v1 = new Keyspace(1);
    List<WriteOp> ops = new ArrayList<>();
    ops.addAll(
        UsageCounters.increments(
            v1, new UsageDelta(game, "openai", "gpt-x", true, false, 100, 20, 300, 1500)));
    ops.addAll(
        UsageCounters.increments(
            v1, new UsageDelta(game, "offline", "templates", true, true, 0, 12, 1, 0)));
    ops.addAll(
        UsageCounters.increments(
            v1, new UsageDelta(game, "openai", "gpt-x", false, false, 50, 0, 900, 500)));
    apply(client, ops);

    UsageTotals usage = ReadModel.create(client).usage().usage(game);
    assertThat(usage.total().requests()).isEqualTo(3);
    assertThat(usage.total().failed()).isEqualTo(1);
    assertThat(usage.total().tokensIn()).isEqualTo(150);
    assertThat(usage.total().costUsd()).isCloseTo(0.002, within(1e-12));
    assertThat(usage.routes())
        .extracting(UsageTotals.RouteFigures::provider)
        .containsExactly("offline", "openai");
    assertThat(usage.routes().get(1).figures().requests()).isEqualTo(2);
    assertThat(ReadModel.create(client).usage().usage("nobody").total())
        .isEqualTo(UsageTotals.Figures.ZERO);
  }

  private static EmotionSnapshot emotion(String game, String session, int i) {
    return new EmotionSnapshot(
        "p" + i,
        game,
        session,
        "pl",
        1_000_000 + i * 1000L,
        "joy",
        0.5,
        Map.of("joy", 0.5, "calm", 0.5),
        0.2,
        0.3,
        "m1",
        i,
        "scene",
        "");
  }

  private static void apply(RedisClient client, List<WriteOp> ops) {
    try (AbstractPipeline p = client.pipelined()) {
      WriteOps.apply(p, ops);
      p.sync();
    }
  }
}
