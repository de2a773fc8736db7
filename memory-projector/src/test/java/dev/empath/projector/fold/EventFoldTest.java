package dev.empath.projector.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.Message;
import dev.empath.readmodel.asof.HistoryCaps;
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
import dev.empath.readmodel.write.WriteOp;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** given(events) → expect(state), against a reference model of the Redis writes. */
class EventFoldTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;
  private static final Keyspace KEYS = new Keyspace(1);

  private final InMemoryStore store = new InMemoryStore();
  private final EventFold fold = new EventFold(KEYS, new FoldRules(3, 4, 2, 3, 2));

  @Test
  void readersAssumeTheDefaultCapsForAKeyspaceThatRecordedNone() {
    assertThat(FoldRules.DEFAULT.historyCaps()).isEqualTo(HistoryCaps.DEFAULT);
  }

  @Test
  void warmInteractionsRaiseAffinityAndTrustWithinBounds() {
    List<Message> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(
          interaction("e" + i, InteractionKind.INTERACTION_KIND_QUEST_COMPLETE, 1.0, T0 + i));
    }
    given(events);

    Relationship rel = relationship().orElseThrow();
    assertThat(rel.affinity()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
    assertThat(rel.trust()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(rel.interactions()).isEqualTo(40);
    assertThat(rel.lastInteractionMs()).isEqualTo(T0 + 39);
  }

  @Test
  void betrayalCostsTrustEvenWhenFriendly() {
    given(
        List.of(
            interaction("e1", InteractionKind.INTERACTION_KIND_HELP, 0.8, T0),
            interaction("e2", InteractionKind.INTERACTION_KIND_BETRAY, 0.2, T0 + 1000)));
    Relationship rel = relationship().orElseThrow();
    assertThat(rel.trust()).isNegative();
    assertThat(rel.affinity()).isPositive();
    CharacterState mood = characterState().orElseThrow();
    assertThat(mood.tension()).isPositive();
    assertThat(mood.lastPlayerId()).isEqualTo("p1");
  }

  @Test
  void relationshipDecaysTowardNeutralBetweenEventsByEventTime() {
    given(List.of(interaction("e1", InteractionKind.INTERACTION_KIND_GIFT, 1.0, T0)));
    double first = relationship().orElseThrow().affinity();
    long weekLater = T0 + Decay.RELATIONSHIP.halfLifeMs();
    given(List.of(interaction("e2", InteractionKind.INTERACTION_KIND_TALK, 0.0, weekLater)));

    Relationship rel = relationship().orElseThrow();
    assertThat(rel.affinity()).isCloseTo(first / 2, within(1e-9));
    assertThat(rel.lastInteractionMs()).isEqualTo(weekLater);
    // and readers decay further from the last interaction to now
    assertThat(
            rel.decayedTo(weekLater + Decay.RELATIONSHIP.halfLifeMs(), Decay.RELATIONSHIP)
                .affinity())
        .isCloseTo(first / 4, within(1e-9));
  }

  @Test
  void historyIsCappedToTheNewestMemoriesWithImportance() {
    List<Message> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(interaction("e" + i, InteractionKind.INTERACTION_KIND_TALK, 0.1, T0 + i * HOUR));
    }
    events.add(interaction("big", InteractionKind.INTERACTION_KIND_BETRAY, -1.0, T0 + 10 * HOUR));
    given(events);

    List<Memory> memories =
        store.sets.get(KEYS.memories("g1", "c1", "p1")).stream()
            .map(s -> Json.read(s.member(), Memory.class))
            .toList();
    assertThat(memories).extracting(Memory::eventId).containsExactly("e3", "e4", "e5", "big");
    assertThat(memories.get(3).importance()).isEqualTo(1.0);
    assertThat(memories.get(0).importance()).isCloseTo(0.14, within(1e-6));
    assertThat(memories.get(3).kind()).isEqualTo("betray");
  }

  @Test
  void sessionKeepsLatestEmotionCappedTimelineAndLatestDecision() {
    given(
        List.of(
            emotion("x1", T0, "calm"),
            emotion("x2", T0 + 1, "joy"),
            emotion("x3", T0 + 2, "boredom"),
            emotion("x4", T0 + 3, "frustration"),
            narrative("d1", T0 + 4, PacingPhase.PACING_PHASE_BUILD_UP),
            narrative("d2", T0 + 5, PacingPhase.PACING_PHASE_SUSTAIN_PEAK)));

    EmotionSnapshot latest =
        Json.read(store.strings.get(KEYS.sessionEmotion("g1", "s1")), EmotionSnapshot.class);
    assertThat(latest.dominantEmotion()).isEqualTo("frustration");
    assertThat(latest.scores()).containsKeys("joy", "frustration");
    assertThat(store.sets.get(KEYS.sessionTimeline("g1", "s1")))
        .extracting(s -> Json.read(s.member(), EmotionSnapshot.class).predictionId())
        .containsExactly("x2", "x3", "x4");
    NarrativeSnapshot decision =
        Json.read(store.strings.get(KEYS.sessionNarrative("g1", "s1")), NarrativeSnapshot.class);
    assertThat(decision.decisionId()).isEqualTo("d2");
    assertThat(decision.phase()).isEqualTo("sustain_peak");
    assertThat(decision.reasons()).hasSize(1);
  }

  @Test
  void keepsCappedHistoriesOfDecisionsRelationshipsAndStates() {
    List<Message> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(narrative("d" + i, T0 + i, PacingPhase.PACING_PHASE_BUILD_UP));
      events.add(interaction("e" + i, InteractionKind.INTERACTION_KIND_HELP, 0.5, T0 + i * HOUR));
    }
    given(events);

    assertThat(store.sets.get(KEYS.sessionDecisions("g1", "s1")))
        .extracting(s -> Json.read(s.member(), NarrativeSnapshot.class).decisionId())
        .containsExactly("d2", "d3", "d4");
    List<InMemoryStore.Scored> rels =
        new ArrayList<>(store.sets.get(KEYS.relationshipHistory("g1", "c1", "p1")));
    assertThat(rels)
        .extracting(InMemoryStore.Scored::score)
        .containsExactly((double) T0 + 2 * HOUR, (double) T0 + 3 * HOUR, (double) T0 + 4 * HOUR);
    // The newest history entry is exactly the stored current value.
    assertThat(rels.get(2).member())
        .isEqualTo(store.strings.get(KEYS.relationship("g1", "c1", "p1")));
    assertThat(store.sets.get(KEYS.characterStateHistory("g1", "c1")).last().member())
        .isEqualTo(store.strings.get(KEYS.characterState("g1", "c1")));
  }

  @Test
  void gameSessionsListTheMostRecentlyActiveWithTheirLatestTime() {
    given(
        List.of(
            emotion("x1", T0, "calm"),
            emotionOf("s2", "x2", T0 + 5),
            emotionOf("s3", "x3", T0 + 7),
            narrative("d1", T0 + 9, PacingPhase.PACING_PHASE_BUILD_UP)));

    assertThat(store.sets.get(KEYS.gameSessions("g1")))
        .extracting(InMemoryStore.Scored::member, InMemoryStore.Scored::score)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s3", (double) T0 + 7),
            org.assertj.core.groups.Tuple.tuple("s1", (double) T0 + 9));
  }

  @Test
  void aSessionsLatestTimeNeverGoesBackWhateverOrderTopicsArriveIn() {
    // Emotion and narrative records of one session come from two topics, so a replay or a rebuild
    // may apply the newer one first.
    given(
        List.of(
            narrative("d1", T0 + 9, PacingPhase.PACING_PHASE_BUILD_UP),
            emotion("x1", T0 + 5, "calm")));

    assertThat(store.sets.get(KEYS.gameSessions("g1")))
        .extracting(InMemoryStore.Scored::member, InMemoryStore.Scored::score)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", (double) T0 + 9));
  }

  @Test
  void generationResultsCountUsageAndRememberSuccessfulLines() {
    given(
        List.of(
            result("r1", GenerationStatus.GENERATION_STATUS_SUCCEEDED, "Hello, traveller.", T0),
            result("r2", GenerationStatus.GENERATION_STATUS_FAILED, "", T0 + 1),
            result("r3", GenerationStatus.GENERATION_STATUS_SUCCEEDED, "Again?", T0 + 2),
            result("r4", GenerationStatus.GENERATION_STATUS_SUCCEEDED, "Enough.", T0 + 3)));

    assertThat(store.hashes.get(KEYS.usage("g1")))
        .containsEntry("requests", 4L)
        .containsEntry("failed", 1L)
        .containsEntry("tokens_out", 40L)
        .containsEntry("cost_micro_usd", 4_000L);
    assertThat(store.sets.get(KEYS.characterLines("g1", "c1")))
        .extracting(s -> Json.read(s.member(), SpokenLine.class).text())
        .containsExactly("Again?", "Enough.");
  }

  @Test
  void sameEventsGiveIdenticalBytes() {
    List<Message> events =
        List.of(
            interaction("e1", InteractionKind.INTERACTION_KIND_GIFT, 0.7, T0),
            emotion("x1", T0, "joy"),
            interaction("e2", InteractionKind.INTERACTION_KIND_INSULT, -0.3, T0 + HOUR));
    given(events);
    InMemoryStore other = new InMemoryStore();
    WorkingSet state = new WorkingSet();
    for (Message e : events) {
      loadFrom(other, e, state);
      other.apply(new EventFold(KEYS, new FoldRules(3, 4, 2, 3, 2)).apply(e, state));
    }
    assertThat(other.strings).isEqualTo(store.strings);
    assertThat(other.sets).isEqualTo(store.sets);
  }

  @Test
  void foldingABatchLeavesTheStoreAsFoldingOneByOne() {
    List<Message> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long at = T0 + i * HOUR;
      events.add(interaction("e" + i, InteractionKind.forNumber(1 + i % 8), (i % 7 - 3) / 3.0, at));
      events.add(emotion("x" + i, at, i % 2 == 0 ? "joy" : "calm"));
      events.add(narrative("d" + i, at, PacingPhase.forNumber(1 + i % 4)));
      events.add(result("r" + i, GenerationStatus.GENERATION_STATUS_SUCCEEDED, "line " + i, at));
    }
    given(events);

    InMemoryStore batched = new InMemoryStore();
    WorkingSet state = new WorkingSet();
    events.forEach(e -> loadFrom(batched, e, state));
    List<WriteOp> ops = fold.applyAll(events, state);
    batched.apply(ops);

    assertThat(batched.strings).isEqualTo(store.strings);
    assertThat(batched.sets).isEqualTo(store.sets);
    assertThat(batched.hashes).isEqualTo(store.hashes);
    // Overwritten values are never written: one SET per key (rel, state, emotion, narrative),
    // one index entry per session.
    assertThat(ops).filteredOn(op -> op instanceof WriteOp.Put).hasSize(4);
    assertThat(ops).filteredOn(op -> op.key().equals(KEYS.gameSessions("g1"))).hasSize(1);
  }

  @Test
  void readingAnUnloadedKeyIsABug() {
    assertThatThrownBy(
            () ->
                fold.apply(
                    interaction("e1", InteractionKind.INTERACTION_KIND_TALK, 0, T0),
                    new WorkingSet()))
        .isInstanceOf(IllegalStateException.class);
  }

  // --- given / expect ---------------------------------------------------------------------

  private void given(List<Message> events) {
    for (Message event : events) {
      WorkingSet state = new WorkingSet();
      loadFrom(store, event, state);
      store.apply(fold.apply(event, state));
    }
  }

  private void loadFrom(InMemoryStore source, Message event, WorkingSet state) {
    for (String key : fold.keysToRead(event)) {
      if (!state.isLoaded(key)) {
        state.load(
            key, Optional.ofNullable(source.strings.get(key)).map(json -> fold.decode(key, json)));
      }
    }
  }

  private Optional<Relationship> relationship() {
    return Optional.ofNullable(store.strings.get(KEYS.relationship("g1", "c1", "p1")))
        .map(json -> Json.read(json, Relationship.class));
  }

  private Optional<CharacterState> characterState() {
    return Optional.ofNullable(store.strings.get(KEYS.characterState("g1", "c1")))
        .map(json -> Json.read(json, CharacterState.class));
  }

  static CharacterInteraction interaction(String id, InteractionKind kind, double impact, long at) {
    return CharacterInteraction.newBuilder()
        .setEventId(id)
        .setGameId("g1")
        .setPlayerId("p1")
        .setSessionId("s1")
        .setCharacterId("c1")
        .setTimestampMs(at)
        .setKind(kind)
        .setImpact((float) impact)
        .setSummary("did " + kind)
        .build();
  }

  static EmotionPrediction emotion(String id, long at, String dominant) {
    return EmotionPrediction.newBuilder()
        .setPredictionId(id)
        .setGameId("g1")
        .setPlayerId("p1")
        .setSessionId("s1")
        .setTimestampMs(at)
        .setDominantEmotion(dominant)
        .setConfidence(0.6f)
        .putAllScores("joy", 0.3f)
        .putAllScores("frustration", 0.7f)
        .setValence(-0.2f)
        .setArousal(0.5f)
        .setModelVersion("m1")
        .build();
  }

  static EmotionPrediction emotionOf(String session, String id, long at) {
    return emotion(id, at, "joy").toBuilder().setSessionId(session).build();
  }

  static NarrativeDecision narrative(String id, long at, PacingPhase phase) {
    return NarrativeDecision.newBuilder()
        .setDecisionId(id)
        .setGameId("g1")
        .setPlayerId("p1")
        .setSessionId("s1")
        .setTimestampMs(at)
        .setPhase(phase)
        .setIntensity(0.5f)
        .setDialogueTone("tense")
        .putSceneAdjustments("music", "drums")
        .addReasons(
            dev.empath.schemas.v1.DecisionReason.newBuilder()
                .setAspect("phase")
                .setCode("intensity_above_peak_threshold"))
        .setPolicyVersion("default-1")
        .build();
  }

  static GenerationResult result(String id, GenerationStatus status, String text, long at) {
    return GenerationResult.newBuilder()
        .setRequestId(id)
        .setGameId("g1")
        .setSessionId("s1")
        .setPlayerId("p1")
        .setCharacterId("c1")
        .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
        .setStatus(status)
        .setText(text)
        .setProvider("offline")
        .setModel("templates")
        .setTokensIn(5)
        .setTokensOut(10)
        .setLatencyMs(3)
        .setCostUsd(0.001)
        .setCompletedAtMs(at)
        .build();
  }
}
