package dev.empath.narrative.topology;

import static dev.empath.narrative.testing.Predictions.agitated;
import static dev.empath.narrative.testing.Predictions.at;
import static dev.empath.narrative.testing.Predictions.calm;
import static dev.empath.narrative.testing.Predictions.frustrated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.TopologyDriverProperties;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.content.ContentTriggers;
import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PhaseRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production topology on TopologyTestDriver, with the catalog's topics and serdes. */
class NarrativeTopologyTest {

  private static final NarrativePolicy SHIPPED = DefaultPolicy.load();

  private final TopicCatalog topics = TopicCatalog.standard();

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, EmotionPrediction> emotions;
  private TestInputTopic<String, NarrativePolicy> policies;
  private TestInputTopic<String, CharacterInteraction> interactions;
  private TestInputTopic<byte[], byte[]> rawPolicies;
  private TestOutputTopic<String, NarrativeDecision> decisions;
  private TestOutputTopic<String, GenerationRequest> requests;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            NarrativeTopology.buildTopology(topics, NarrativeSettings.defaults()), props(stateDir));
    emotions =
        driver.createInputTopic(
            topics.emotion().name(),
            topics.emotion().keySerde().serializer(),
            topics.emotion().valueSerde().serializer());
    policies =
        driver.createInputTopic(
            topics.narrativePolicy().name(),
            topics.narrativePolicy().keySerde().serializer(),
            topics.narrativePolicy().valueSerde().serializer());
    interactions =
        driver.createInputTopic(
            topics.interaction().name(),
            topics.interaction().keySerde().serializer(),
            topics.interaction().valueSerde().serializer());
    rawPolicies =
        driver.createInputTopic(
            topics.narrativePolicy().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    decisions =
        driver.createOutputTopic(
            topics.narrative().name(),
            topics.narrative().keySerde().deserializer(),
            topics.narrative().valueSerde().deserializer());
    requests =
        driver.createOutputTopic(
            topics.generationRequest().name(),
            topics.generationRequest().keySerde().deserializer(),
            topics.generationRequest().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetter().name(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void scriptedSessionYieldsDecisionsAndGenerationRequests() {
    // 45 s of frustration: encouraging tone at once (an NPC line), a hint after 30 s.
    for (int t = 0; t < 45; t++) {
      emit(frustrated("g1", "s1", t, 0.6f));
    }

    List<NarrativeDecision> out = decisions.readValuesToList();
    assertThat(out).isNotEmpty().hasSizeLessThan(15);
    assertThat(out.get(0).getDialogueTone()).isEqualTo("encouraging");
    assertThat(out).allSatisfy(d -> assertThat(d.getPolicyVersion()).isEqualTo("default-1"));
    NarrativeDecision hint =
        out.stream().filter(NarrativeDecision::getOfferHint).findFirst().orElseThrow();
    assertThat(hint.getTimestampMs()).isEqualTo(at(30));

    List<TestRecord<String, GenerationRequest>> generated = requests.readRecordsToList();
    assertThat(generated)
        .extracting(r -> r.value().getPurpose())
        .containsExactly(
            GenerationPurpose.GENERATION_PURPOSE_NPC_LINE,
            GenerationPurpose.GENERATION_PURPOSE_HINT);
    assertThat(generated).allSatisfy(r -> assertThat(r.key()).isEqualTo("s1"));
    GenerationRequest hintRequest = generated.get(1).value();
    assertThat(hintRequest.getRequestId())
        .isEqualTo(
            ContentTriggers.requestId(
                "s1", hint.getDecisionId(), GenerationPurpose.GENERATION_PURPOSE_HINT));
    assertThat(hintRequest.getDecisionId()).isEqualTo(hint.getDecisionId());
    assertThat(hintRequest.getDeadlineMs()).isEqualTo(at(30) + 3_000);
    assertThat(hintRequest.getMaxTokens()).isEqualTo(120);
    assertThat(hintRequest.getTone()).isEqualTo("encouraging");
    assertThat(hintRequest.getCharacterId()).isEqualTo("npc-ada");
    assertThat(hintRequest.getPlayerId()).isEqualTo("player-s1");
    assertThat(hintRequest.getEmotion().getDominantEmotion()).isEqualTo("frustration");
    assertThat(hintRequest.getPolicyVersion()).isEqualTo("default-1");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aRequestCarriesThePlayersLastWordsToItsCharacterInThatSession() {
    said("s1", "npc-ada", 1, "Do you still have the healing herb?");
    said("s1", "npc-ada", 2, "And where is the old mill?");
    said("s1", "npc-bo", 3, "Words for someone else");
    said("s2", "npc-ada", 3, "Words from another session");
    said("s1", "npc-ada", 0.5, "Older words arriving late");
    emit(frustrated("g1", "s1", 4, 0.6f)); // the first decision: an encouraging NPC line
    emit(frustrated("g1", "s3", 4, 0.6f)); // a session whose player said nothing

    Map<String, GenerationRequest> bySession = new java.util.HashMap<>();
    requests.readValuesToList().forEach(r -> bySession.put(r.getSessionId(), r));
    assertThat(bySession.get("s1").getPurpose())
        .isEqualTo(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE);
    assertThat(bySession.get("s1").getCharacterId()).isEqualTo("npc-ada");
    assertThat(bySession.get("s1").getPlayerText()).isEqualTo("And where is the old mill?");
    assertThat(bySession.get("s3").getPlayerText()).isEmpty();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  private void said(String session, String character, double seconds, String text) {
    CharacterInteraction i =
        CharacterInteraction.newBuilder()
            .setEventId(session + "-" + character + "-" + Math.round(seconds * 1000))
            .setGameId("g1")
            .setPlayerId("player-" + session)
            .setSessionId(session)
            .setCharacterId(character)
            .setTimestampMs(at(seconds))
            .setKind(InteractionKind.INTERACTION_KIND_TALK)
            .setPlayerText(text)
            .build();
    interactions.pipeInput(character, i, i.getTimestampMs());
  }

  @Test
  void sessionsAreDirectedIndependently() {
    for (int t = 0; t < 8; t++) {
      emit(agitated("g1", "hot", t));
      emit(calm("g1", "cool", t));
    }
    Map<String, NarrativeDecision> latest = decisions.readKeyValuesToMap();
    assertThat(latest.get("hot").getPhase().name()).isEqualTo("PACING_PHASE_SUSTAIN_PEAK");
    assertThat(latest.get("cool").getPhase().name()).isEqualTo("PACING_PHASE_BUILD_UP");
  }

  @Test
  void policyPublishedMidStreamGovernsLaterDecisions() {
    emit(calm("g1", "s1", 0));
    assertThat(decisions.readValue().getPolicyVersion()).isEqualTo("default-1");

    policies.pipeInput("g1", policy("g1", "g1-v2", "wry"), at(1));
    emit(calm("g1", "s1", 2));
    emit(calm("g1", "s1", 3));

    List<NarrativeDecision> after = decisions.readValuesToList();
    assertThat(after).isNotEmpty();
    assertThat(after).allSatisfy(d -> assertThat(d.getPolicyVersion()).isEqualTo("g1-v2"));
    assertThat(after.get(after.size() - 1).getDialogueTone()).isEqualTo("wry");
  }

  @Test
  void perGamePoliciesStaySeparateAndStarIsTheDefaultForTheRest() {
    policies.pipeInput("g1", policy("g1", "g1-v2", "wry"), at(0));
    emit(calm("g1", "a", 1));
    emit(calm("g2", "b", 1));
    assertThat(versionsByKey()).containsEntry("a", "g1-v2").containsEntry("b", "default-1");

    policies.pipeInput("*", policy("*", "house-v7", "dry"), at(2));
    emit(calm("g1", "a2", 3));
    emit(calm("g2", "b", 3));
    emit(calm("g3", "c", 3));
    assertThat(versionsByKey())
        .containsEntry("a2", "g1-v2")
        .containsEntry("b", "house-v7")
        .containsEntry("c", "house-v7");
  }

  @Test
  void malformedPoliciesGoToTheDeadLetterTopicAndChangeNothing() {
    policies.pipeInput("g1", policy("g1", "g1-v2", "wry"), at(0));
    emit(calm("g1", "s1", 1));
    assertThat(decisions.readValue().getPolicyVersion()).isEqualTo("g1-v2");

    byte[] garbage = "{not protobuf".getBytes(StandardCharsets.UTF_8);
    rawPolicies.pipeInput("g1".getBytes(StandardCharsets.UTF_8), garbage, at(2));
    NarrativePolicy noHysteresis =
        policy("g1", "g1-broken", "loud").toBuilder()
            .setPhases(SHIPPED.getPhases().toBuilder().setPeakEnter(0.5f).setPeakExit(0.9f).build())
            .build();
    rawPolicies.pipeInput("g1".getBytes(StandardCharsets.UTF_8), noHysteresis.toByteArray(), at(3));
    policies.pipeInput("g1", policy("g2", "g2-under-wrong-key", "loud"), at(4));
    NarrativePolicy noTone =
        policy("g1", "g1-no-tone", "x").toBuilder()
            .addToneRules(SHIPPED.getToneRules(0).toBuilder().setTone(""))
            .build();
    policies.pipeInput("g1", noTone, at(5));

    List<DeadLetterRecord> dead =
        deadLetters.readRecordsToList().stream().map(NarrativeTopologyTest::letter).toList();
    assertThat(dead).hasSize(4);
    assertThat(dead)
        .allSatisfy(l -> assertThat(l.getSourceTopic()).isEqualTo(topics.narrativePolicy().name()));
    assertThat(dead.get(0).getOriginalValue().toByteArray()).isEqualTo(garbage);
    assertThat(dead.get(0).getErrorClass()).endsWith("MalformedRecordException");
    assertThat(dead.get(1).getReason()).contains("hysteresis");
    assertThat(dead.get(2).getReason()).contains("differs from its game_id");
    assertThat(dead.get(3).getReason()).contains("tone_rules[5].tone is required");

    emit(calm("g1", "s1", 6));
    emit(calm("g1", "s2", 6));
    assertThat(decisions.readValuesToList())
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.getPolicyVersion()).isEqualTo("g1-v2"));
  }

  @Test
  void withdrawingAGamePolicyFallsBackToTheDefault() {
    policies.pipeInput("g1", policy("g1", "g1-v2", "wry"), at(0));
    policies.pipeInput("g1", null, at(1));
    emit(calm("g1", "s1", 2));
    assertThat(decisions.readValue().getPolicyVersion()).isEqualTo("default-1");
  }

  @Test
  void invalidEmotionRecordsAreDeadLetteredAndTheSessionGoesOn() {
    emit(calm("g1", "s1", 0));
    emotions.pipeInput("s1", calm("g1", "s1", 1).toBuilder().setArousal(7f).build(), at(1));
    emit(agitated("g1", "s1", 2));
    assertThat(deadLetters.readRecordsToList()).hasSize(1);
    assertThat(decisions.readValuesToList()).isNotEmpty();
  }

  @Test
  void replayingTheSameInputYieldsTheSameIds() {
    List<EmotionPrediction> script =
        java.util.stream.IntStream.range(0, 40)
            .mapToObj(t -> frustrated("g1", "s1", t, 0.7f))
            .toList();
    script.forEach(this::emit);
    List<NarrativeDecision> first = decisions.readValuesToList();
    List<GenerationRequest> firstRequests = requests.readValuesToList();

    try (TopologyTestDriver replay =
        new TopologyTestDriver(
            NarrativeTopology.buildTopology(topics, NarrativeSettings.defaults()),
            props(stateDir.resolve("replay")))) {
      var in =
          replay.createInputTopic(
              topics.emotion().name(),
              topics.emotion().keySerde().serializer(),
              topics.emotion().valueSerde().serializer());
      script.forEach(p -> in.pipeInput(p.getSessionId(), p, p.getTimestampMs()));
      var replayed =
          replay.createOutputTopic(
              topics.generationRequest().name(),
              topics.generationRequest().keySerde().deserializer(),
              topics.generationRequest().valueSerde().deserializer());
      assertThat(replayed.readValuesToList()).isEqualTo(firstRequests);
    }
    assertThat(first).extracting(NarrativeDecision::getDecisionId).doesNotHaveDuplicates();
    assertThat(firstRequests).isNotEmpty();
  }

  private Map<String, String> versionsByKey() {
    Map<String, String> out = new java.util.HashMap<>();
    decisions.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value.getPolicyVersion()));
    return out;
  }

  private void emit(EmotionPrediction p) {
    emotions.pipeInput(p.getSessionId(), p, p.getTimestampMs());
  }

  private Properties props(Path dir) {
    return TopologyDriverProperties.adapt(
        KafkaClientConfigs.streams(
            EmpathConfig.of(
                Map.of(
                    EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                    TopologyDriverProperties.UNUSED_BOOTSTRAP)),
            "narrative-test",
            topics.deadLetter().name()),
        dir);
  }

  /** A valid policy: the shipped one under another game, version and default tone. */
  static NarrativePolicy policy(String game, String version, String defaultTone) {
    return SHIPPED.toBuilder()
        .setGameId(game)
        .setVersion(version)
        .setDefaultTone(defaultTone)
        .setPhases(PhaseRules.newBuilder(SHIPPED.getPhases()))
        .build();
  }

  private static DeadLetterRecord letter(TestRecord<byte[], byte[]> r) {
    return DeadLetters.read(r.key(), r.value(), r.headers());
  }
}
