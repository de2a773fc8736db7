package dev.empath.schemas.topic;

import dev.empath.schemas.serde.ProtobufSerde;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.schemas.validation.ContractValidators;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, defined once.
 *
 * <p>Session-scoped topics (behaviour, emotion, narrative, generation) are keyed by session id so
 * all of one session's records land on one partition with Kafka's default partitioner; character
 * interactions are keyed by character id; policies by game id. A catalog can be renamed as a whole
 * ({@link #withPrefix}) for tests and shadow runs, which must never write to production topics.
 */
public final class TopicCatalog {

  /** Partition count of the keyed event topics: the unit of parallelism of every service. */
  public static final int EVENT_PARTITIONS = 6;

  private static final Serde<String> KEYS = Serdes.String();

  private final TopicSpec<String, PlayerBehaviorData> behavior;
  private final TopicSpec<String, CharacterInteraction> interaction;
  private final TopicSpec<String, EmotionPrediction> emotion;
  private final TopicSpec<String, NarrativeDecision> narrative;
  private final TopicSpec<String, NarrativePolicy> narrativePolicy;
  private final TopicSpec<String, NarrativePolicy> narrativePolicyAccepted;
  private final TopicSpec<String, GenerationRequest> generationRequest;
  private final TopicSpec<String, GenerationResult> generationResult;
  private final TopicSpec<byte[], byte[]> deadLetter;

  private TopicCatalog(UnaryOperator<String> naming) {
    Optional<Duration> forever = Optional.empty();
    behavior =
        new TopicSpec<>(
            naming.apply("empath.behavior.v1"),
            KEYS,
            ProtobufSerde.of(PlayerBehaviorData.getDefaultInstance(), ContractValidators.BEHAVIOR),
            "session_id",
            EVENT_PARTITIONS,
            CleanupPolicy.DELETE,
            Optional.of(Duration.ofDays(30)));
    interaction =
        new TopicSpec<>(
            naming.apply("empath.interaction.v1"),
            KEYS,
            ProtobufSerde.of(
                CharacterInteraction.getDefaultInstance(), ContractValidators.INTERACTION),
            "character_id",
            EVENT_PARTITIONS,
            CleanupPolicy.DELETE,
            forever);
    emotion =
        new TopicSpec<>(
            naming.apply("empath.emotion.v1"),
            KEYS,
            ProtobufSerde.of(EmotionPrediction.getDefaultInstance(), ContractValidators.EMOTION),
            "session_id",
            EVENT_PARTITIONS,
            CleanupPolicy.DELETE,
            forever);
    narrative =
        new TopicSpec<>(
            naming.apply("empath.narrative.v1"),
            KEYS,
            ProtobufSerde.of(NarrativeDecision.getDefaultInstance(), ContractValidators.NARRATIVE),
            "session_id",
            EVENT_PARTITIONS,
            CleanupPolicy.DELETE,
            forever);
    narrativePolicy =
        new TopicSpec<>(
            naming.apply("empath.narrative.policy.v1"),
            KEYS,
            ProtobufSerde.of(NarrativePolicy.getDefaultInstance(), ContractValidators.POLICY),
            "game_id",
            1,
            CleanupPolicy.COMPACT,
            forever);
    // Policies that passed stream-narrative's admission checks; its global policy store is built
    // from this topic only, so a malformed publication can never reach (or crash) it.
    narrativePolicyAccepted =
        narrativePolicy.withName(naming.apply("empath.narrative.policy.accepted.v1"));
    generationRequest =
        new TopicSpec<>(
            naming.apply("empath.generation.request.v1"),
            KEYS,
            ProtobufSerde.of(
                GenerationRequest.getDefaultInstance(), ContractValidators.GENERATION_REQUEST),
            "session_id",
            EVENT_PARTITIONS,
            CleanupPolicy.DELETE,
            Optional.of(Duration.ofDays(7)));
    generationResult =
        new TopicSpec<>(
            naming.apply("empath.generation.result.v1"),
            KEYS,
            ProtobufSerde.of(
                GenerationResult.getDefaultInstance(), ContractValidators.GENERATION_RESULT),
            "session_id",
            EVENT_PARTITIONS,
            CleanupPolicy.DELETE,
            forever);
    deadLetter =
        new TopicSpec<>(
            naming.apply("empath.dlq.v1"),
            Serdes.ByteArray(),
            Serdes.ByteArray(),
            "original key bytes",
            3,
            CleanupPolicy.DELETE,
            Optional.of(Duration.ofDays(30)));
  }

  /** The production topic names. */
  public static TopicCatalog standard() {
    return new TopicCatalog(UnaryOperator.identity());
  }

  /** The same topics under {@code prefix + name}: for tests, shadow runs and tenants. */
  public static TopicCatalog withPrefix(String prefix) {
    return new TopicCatalog(name -> prefix + name);
  }

  public TopicSpec<String, PlayerBehaviorData> behavior() {
    return behavior;
  }

  public TopicSpec<String, CharacterInteraction> interaction() {
    return interaction;
  }

  public TopicSpec<String, EmotionPrediction> emotion() {
    return emotion;
  }

  public TopicSpec<String, NarrativeDecision> narrative() {
    return narrative;
  }

  public TopicSpec<String, NarrativePolicy> narrativePolicy() {
    return narrativePolicy;
  }

  public TopicSpec<String, NarrativePolicy> narrativePolicyAccepted() {
    return narrativePolicyAccepted;
  }

  public TopicSpec<String, GenerationRequest> generationRequest() {
    return generationRequest;
  }

  public TopicSpec<String, GenerationResult> generationResult() {
    return generationResult;
  }

  public TopicSpec<byte[], byte[]> deadLetter() {
    return deadLetter;
  }

  public List<TopicSpec<?, ?>> all() {
    return List.of(
        behavior,
        interaction,
        emotion,
        narrative,
        narrativePolicy,
        narrativePolicyAccepted,
        generationRequest,
        generationResult,
        deadLetter);
  }
}
