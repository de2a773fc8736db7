package dev.empath.readmodel.asof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.Decay;
import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.SpokenLine;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/** The as-of readers against a real Redis, with histories written as the projector writes them. */
class AsOfReaderIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final long T0 = 1_700_000_000_000L;
  static final HistoryCaps CAPS = new HistoryCaps(4, 3, 3, 4);
  static final Keyspace KEYS = new Keyspace(1);
  static final long HOUR = 3_600_000L;

  static String game;
  static AsOfReader reader;

  @BeforeAll
  static void write() {
    RedisClient client = redis.client();
    game = redis.uniqueName("game");
    CAPS.record(client, KEYS);
    List<WriteOp> ops = new ArrayList<>();
    // "short": 2 states (history not full); "long": 6 states at T0+i h, the history keeps 4.
    for (int i = 0; i < 6; i++) {
      long at = T0 + i * HOUR;
      CharacterState s = new CharacterState(game, "long", 0.1 * (i + 1), 0.5, i + 1, at, "p", "x");
      ops.add(
          new WriteOp.AddCapped(
              KEYS.characterStateHistory(game, "long"), at, Json.write(s), CAPS.history()));
      Relationship r = new Relationship(game, "long", "p", 0.1 * (i + 1), 0.05, i + 1, at);
      ops.add(
          new WriteOp.AddCapped(
              KEYS.relationshipHistory(game, "long", "p"), at, Json.write(r), CAPS.history()));
      Memory m = new Memory("e" + i, "talk", "m" + i, "", 0.1, 0.5, at, "s", "x");
      ops.add(
          new WriteOp.AddCapped(
              KEYS.memories(game, "long", "p"), at, Json.write(m), CAPS.memories()));
      SpokenLine l = new SpokenLine("r" + i, "s", "p", "npc_line", "warm", "l" + i, "o", "m", at);
      ops.add(
          new WriteOp.AddCapped(
              KEYS.characterLines(game, "long"), at, Json.write(l), CAPS.lines()));
      ops.add(
          new WriteOp.AddCapped(
              KEYS.sessionDecisions(game, "s"), at, Json.write(decision(i, at)), CAPS.history()));
      if (i < 2) {
        ops.add(
            new WriteOp.AddCapped(
                KEYS.characterStateHistory(game, "short"), at, Json.write(s), CAPS.history()));
      }
    }
    try (AbstractPipeline p = client.pipelined()) {
      WriteOps.apply(p, ops);
      p.sync();
    }
    reader = new AsOfReader(client, new ActiveVersion(client, 0));
  }

  @Test
  void aStateIsTheLatestEntryAtOrBeforeTheMomentDecayedToIt() {
    long at = T0 + HOUR + 30 * 60_000;
    AsOf<CharacterAt> answer = reader.character(game, "short", at, 5);
    assertThat(answer).isInstanceOf(AsOf.Found.class);
    CharacterState state = ((AsOf.Found<CharacterAt>) answer).value().state();
    assertThat(state.interactions()).isEqualTo(2);
    assertThat(state.mood()).isEqualTo(Decay.MOOD.apply(0.1 * 2, 0, 30 * 60_000));
  }

  @Test
  void beforeTheFirstEntryOfAHistoryThatDroppedNothingItDidNotExistYet() {
    assertThat(reader.character(game, "short", T0 - 1, 5)).isInstanceOf(AsOf.NotYet.class);
    assertThat(reader.character(game, "nobody", T0, 5)).isInstanceOf(AsOf.NotYet.class);
  }

  @Test
  void beforeTheOldestEntryOfAFullHistoryIsBeyondWhatIsKeptAndSaysFromWhen() {
    // Kept: states 2..5 (from T0+2h); lines 3..5, so five lines are never all there: one line each.
    assertThat(reader.relationship(game, "long", "p", T0 + HOUR, 10))
        .isEqualTo(new AsOf.BeyondKept<>(T0 + 3 * HOUR));
    assertThat(reader.narrative(game, "s", T0 + HOUR))
        .isEqualTo(new AsOf.BeyondKept<>(T0 + 2 * HOUR));
    assertThat(reader.narrative(game, "s", T0 + 2 * HOUR))
        .isInstanceOfSatisfying(
            AsOf.Found.class,
            f -> assertThat(((NarrativeSnapshot) f.value()).decisionId()).isEqualTo("d2"));
  }

  @Test
  void linesAreBeyondWhatIsKeptWhenAFullHistoryNoLongerHoldsAsManyAsAsked() {
    // Lines kept: 3, 4, 5; asked for 2 lines at 3h30: only line 3 is there, line 2 was dropped.
    assertThat(reader.character(game, "long", T0 + 3 * HOUR + 1, 2))
        .isEqualTo(new AsOf.BeyondKept<>(T0 + 4 * HOUR));
    AsOf<CharacterAt> at4 = reader.character(game, "long", T0 + 4 * HOUR, 2);
    assertThat(((AsOf.Found<CharacterAt>) at4).value().lines())
        .extracting(SpokenLine::text)
        .containsExactly("l4", "l3");
  }

  @Test
  void memoriesThenAreThoseUpToTheMomentRankedAsOfIt() {
    long at = T0 + 4 * HOUR;
    AsOf<RelationshipAt> answer = reader.relationship(game, "long", "p", at, 10);
    RelationshipAt then = ((AsOf.Found<RelationshipAt>) answer).value();
    assertThat(then.relationship().interactions()).isEqualTo(5);
    assertThat(then.memories()).extracting(s -> s.memory().eventId()).containsExactly("e4", "e3");
    assertThat(then.memories().get(1).score())
        .isEqualTo(0.5 * Math.pow(0.5, (double) HOUR / (24 * HOUR)));
  }

  @Test
  void capsAreReadFromTheKeyspaceAndDefaultWhenAbsent() {
    assertThat(HistoryCaps.read(redis.client(), KEYS)).isEqualTo(CAPS);
    assertThat(HistoryCaps.read(redis.client(), new Keyspace(77))).isEqualTo(HistoryCaps.DEFAULT);
  }

  static NarrativeSnapshot decision(int i, long at) {
    return new NarrativeSnapshot(
        "d" + i,
        game,
        "s",
        "p",
        at,
        "build_up",
        at,
        0.3,
        0,
        "calm",
        Map.of(),
        false,
        List.of(),
        "v1",
        "x",
        "joy",
        "",
        "");
  }
}
