package dev.empath.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.Fixtures;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.IntensityRules;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PhaseRules;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContractValidatorsTest {

  @Test
  void aCompleteBehaviourEventIsValid() {
    assertThat(ContractValidators.BEHAVIOR.violations(Fixtures.behavior("e"))).isEmpty();
  }

  @Test
  void missingIdsAreEachNamed() {
    PlayerBehaviorData event =
        Fixtures.behavior("e").toBuilder().clearEventId().setPlayerId(" ").build();

    assertThat(ContractValidators.BEHAVIOR.violations(event))
        .containsExactlyInAnyOrder("event_id is required", "player_id is required");
  }

  @Test
  void numbersMustBeFiniteAndInRange() {
    PlayerBehaviorData event =
        Fixtures.behavior("e").toBuilder()
            .setDecisionLatencyMs(-1f)
            .setActionFrequency(20_000)
            .putContextData("damage_taken", Float.POSITIVE_INFINITY)
            .build();

    assertThat(ContractValidators.BEHAVIOR.violations(event))
        .hasSize(3)
        .anyMatch(v -> v.startsWith("decision_latency_ms"))
        .anyMatch(v -> v.startsWith("action_frequency"))
        .anyMatch(v -> v.startsWith("context_data[damage_taken]"));
  }

  @Test
  void timestampsOutsideThisCenturyAreRejected() {
    PlayerBehaviorData seconds =
        Fixtures.behavior("e").toBuilder().setTimestampMs(1_764_000_000L).build();

    assertThat(ContractValidators.BEHAVIOR.violations(seconds))
        .singleElement()
        .asString()
        .contains("timestamp_ms must be epoch milliseconds");
  }

  @Test
  void oversizedListsMapsAndStringsAreRejected() {
    PlayerBehaviorData.Builder event = Fixtures.behavior("e").toBuilder();
    IntStream.range(0, Limits.MAX_RECENT_CHOICES + 1).forEach(event::addRecentChoices);
    IntStream.range(0, Limits.MAX_CONTEXT_ENTRIES + 1)
        .forEach(i -> event.putContextData("k" + i, 1f));
    event.setSceneId("x".repeat(Limits.MAX_ID_LENGTH + 1));

    assertThat(ContractValidators.BEHAVIOR.violations(event.build()))
        .anyMatch(v -> v.startsWith("recent_choices has 67 entries, at most 64"))
        .anyMatch(v -> v.startsWith("context_data has 35 entries, at most 32"))
        .anyMatch(v -> v.startsWith("scene_id is 129 characters"));
  }

  @Test
  void controlCharactersInIdsAreRejected() {
    PlayerBehaviorData event = Fixtures.behavior("e").toBuilder().setSessionId("s\u0000").build();

    assertThat(ContractValidators.BEHAVIOR.violations(event))
        .containsExactly("session_id contains control characters");
  }

  @Test
  void emotionScoresMustBeProbabilities() {
    EmotionPrediction prediction =
        EmotionPrediction.newBuilder()
            .setPredictionId("p")
            .setGameId("g")
            .setPlayerId("pl")
            .setSessionId("s")
            .setDominantEmotion("joy")
            .setTimestampMs(Fixtures.T0)
            .setConfidence(1.5f)
            .setArousal(0.5f)
            .putAllScores("joy", 2f)
            .build();

    assertThat(ContractValidators.EMOTION.violations(prediction))
        .anyMatch(v -> v.startsWith("confidence"))
        .anyMatch(v -> v.startsWith("all_scores[joy]"))
        .hasSize(2);
  }

  @Test
  void interactionNeedsAKnownKind() {
    CharacterInteraction interaction =
        CharacterInteraction.newBuilder()
            .setEventId("e")
            .setGameId("g")
            .setPlayerId("p")
            .setCharacterId("c")
            .setTimestampMs(Fixtures.T0)
            .build();

    assertThat(ContractValidators.INTERACTION.violations(interaction))
        .containsExactly("kind must be a known InteractionKind, was 0");
    assertThat(
            ContractValidators.INTERACTION.violations(
                interaction.toBuilder().setKind(InteractionKind.INTERACTION_KIND_HELP).build()))
        .isEmpty();
  }

  @Test
  void generationRequestDeadlineMustFollowCreation() {
    GenerationRequest request =
        GenerationRequest.newBuilder()
            .setRequestId("r")
            .setGameId("g")
            .setSessionId("s")
            .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
            .setCreatedAtMs(Fixtures.T0)
            .setDeadlineMs(Fixtures.T0)
            .setMaxTokens(64)
            .build();

    assertThat(ContractValidators.GENERATION_REQUEST.violations(request))
        .containsExactly("deadline_ms must be after created_at_ms, was " + Fixtures.T0);
  }

  @Test
  void policyWithoutHysteresisIsRejected() {
    NarrativePolicy policy =
        NarrativePolicy.newBuilder()
            .setVersion("v2")
            .setGameId("*")
            .setIntensity(IntensityRules.newBuilder().setArousalGain(0.3f).setDecayPerSecond(0.05f))
            .setPhases(
                PhaseRules.newBuilder()
                    .setPeakEnter(0.6f)
                    .setPeakExit(0.8f)
                    .setMinPeakMs(1_000)
                    .setMaxPeakMs(5_000))
            .build();

    assertThat(ContractValidators.POLICY.violations(policy))
        .containsExactly("phases.peak_exit must not exceed phases.peak_enter (hysteresis)");
  }

  private static EmotionLabel label() {
    return EmotionLabel.newBuilder()
        .setLabelId("l-1")
        .setGameId("g")
        .setSessionId("s")
        .setPlayerId("p")
        .setTimestampMs(1_764_000_000_000L)
        .setEmotion("frustration")
        .setSource("self_report")
        .build();
  }

  @Test
  void aLabelNamesAKnownEmotionAndSourceAndOptionalValenceAndArousalInRange() {
    assertThat(ContractValidators.LABEL.violations(label())).isEmpty();
    assertThat(
            ContractValidators.LABEL.violations(
                label().toBuilder().setValence(-0.5f).setArousal(0.8f).build()))
        .isEmpty();

    EmotionLabel bad =
        label().toBuilder()
            .setEmotion("rage")
            .setSource("guess")
            .setArousal(1.5f)
            .clearPlayerId()
            .build();
    assertThat(ContractValidators.LABEL.violations(bad))
        .hasSize(4)
        .anyMatch(v -> v.startsWith("emotion must be one of"))
        .anyMatch(v -> v.startsWith("source must be one of"))
        .anyMatch(v -> v.startsWith("arousal must be finite and in [0, 1]"))
        .contains("player_id is required");
  }
}
