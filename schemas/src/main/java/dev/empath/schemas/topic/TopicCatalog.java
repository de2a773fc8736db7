package dev.empath.schemas.topic;

import com.google.protobuf.Message;
import dev.empath.schemas.registry.SchemaRegistryClient;
import dev.empath.schemas.serde.ProtobufSerde;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionModelDocument;
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
 * ({@link #withPrefix}) for tests and shadow runs, which must never write to production topics, and
 * made to write the Confluent wire format through a schema registry ({@link #withRegistry}).
 * Immutable: both return new catalogs.
 */
public final class TopicCatalog {

  /**
   * Default partition count of the keyed event topics, the unit of parallelism of every service; a
   * deployment sets its own with {@link #of(String, TopicPartitions)}.
   */
  public static final int EVENT_PARTITIONS = 6;

  private static final Serde<String> KEYS = Serdes.String();

  private final TopicSpec<String, PlayerBehaviorData> behavior;
  private final TopicSpec<String, CharacterInteraction> interaction;
  private final TopicSpec<String, EmotionPrediction> emotion;
  private final TopicSpec<String, EmotionModelDocument> emotionModel;
  private final TopicSpec<String, EmotionModelDocument> emotionModelAccepted;
  private final TopicSpec<String, EmotionLabel> emotionLabel;
  private final TopicSpec<String, NarrativeDecision> narrative;
  private final TopicSpec<String, NarrativePolicy> narrativePolicy;
  private final TopicSpec<String, NarrativePolicy> narrativePolicyAccepted;
  private final TopicSpec<String, GenerationRequest> generationRequest;
  private final TopicSpec<String, GenerationResult> generationResult;
  private final TopicSpec<byte[], byte[]> deadLetter;
  private final TopicSpec<String, String> deadLetterRedrives;
  private final TopicPartitions counts;

  private TopicCatalog(UnaryOperator<String> naming, TopicPartitions counts) {
    this.counts = counts;
    Optional<Duration> forever = Optional.empty();
    behavior =
        new TopicSpec<>(
            naming.apply("empath.behavior.v1"),
            KEYS,
            ProtobufSerde.of(PlayerBehaviorData.getDefaultInstance(), ContractValidators.BEHAVIOR),
            "session_id",
            counts.event("empath.behavior.v1"),
            CleanupPolicy.DELETE,
            Optional.of(Duration.ofDays(30)));
    interaction =
        new TopicSpec<>(
            naming.apply("empath.interaction.v1"),
            KEYS,
            ProtobufSerde.of(
                CharacterInteraction.getDefaultInstance(), ContractValidators.INTERACTION),
            "character_id",
            counts.event("empath.interaction.v1"),
            CleanupPolicy.DELETE,
            forever);
    emotion =
        new TopicSpec<>(
            naming.apply("empath.emotion.v1"),
            KEYS,
            ProtobufSerde.of(EmotionPrediction.getDefaultInstance(), ContractValidators.EMOTION),
            "session_id",
            counts.event("empath.emotion.v1"),
            CleanupPolicy.DELETE,
            forever);
    // Model documents, one per game id ("*" = the default); like policies, stream-emotion builds
    // its global model store only from the accepted topic, after its own admission checks.
    emotionModel =
        new TopicSpec<>(
            naming.apply("empath.emotion.model.v1"),
            KEYS,
            ProtobufSerde.of(EmotionModelDocument.getDefaultInstance(), ContractValidators.MODEL),
            "game_id",
            1,
            CleanupPolicy.COMPACT,
            forever);
    emotionModelAccepted = emotionModel.withName(naming.apply("empath.emotion.model.accepted.v1"));
    emotionLabel =
        new TopicSpec<>(
            naming.apply("empath.emotion.label.v1"),
            KEYS,
            ProtobufSerde.of(EmotionLabel.getDefaultInstance(), ContractValidators.LABEL),
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
            counts.event("empath.narrative.v1"),
            CleanupPolicy.DELETE,
            forever);
    narrativePolicy =
        new TopicSpec<>(
            naming.apply("empath.narrative.policy.v1"),
            KEYS,
            ProtobufSerde.of(NarrativePolicy.getDefaultInstance(), ContractValidators.POLICY),
            "game_id",
            counts.other("empath.narrative.policy.v1", 1),
            CleanupPolicy.COMPACT,
            forever);
    // Policies that passed stream-narrative's admission checks; its global policy store is built
    // from this topic only, so a malformed publication can never reach (or crash) it.
    narrativePolicyAccepted =
        narrativePolicy
            .withName(naming.apply("empath.narrative.policy.accepted.v1"))
            .withPartitions(counts.other("empath.narrative.policy.accepted.v1", 1));
    generationRequest =
        new TopicSpec<>(
            naming.apply("empath.generation.request.v1"),
            KEYS,
            ProtobufSerde.of(
                GenerationRequest.getDefaultInstance(), ContractValidators.GENERATION_REQUEST),
            "session_id",
            counts.event("empath.generation.request.v1"),
            CleanupPolicy.DELETE,
            Optional.of(Duration.ofDays(7)));
    generationResult =
        new TopicSpec<>(
            naming.apply("empath.generation.result.v1"),
            KEYS,
            ProtobufSerde.of(
                GenerationResult.getDefaultInstance(), ContractValidators.GENERATION_RESULT),
            "session_id",
            counts.event("empath.generation.result.v1"),
            CleanupPolicy.DELETE,
            forever);
    deadLetter =
        new TopicSpec<>(
            naming.apply("empath.dlq.v1"),
            Serdes.ByteArray(),
            Serdes.ByteArray(),
            "original key bytes",
            counts.other("empath.dlq.v1", 3),
            CleanupPolicy.DELETE,
            Optional.of(Duration.ofDays(30)));
    // Which dead letters were sent back to their source topic: written in the same transaction as
    // the re-sent record, so a dead letter is redriven at most once.
    deadLetterRedrives =
        new TopicSpec<>(
            naming.apply("empath.dlq.redrive.v1"),
            KEYS,
            Serdes.String(),
            "dead letter partition:offset",
            counts.other("empath.dlq.redrive.v1", 1),
            CleanupPolicy.COMPACT,
            forever);
  }

  /** A copy of {@code source} whose contract topics' values are framed with registered ids. */
  private TopicCatalog(TopicCatalog source, SchemaRegistryClient registry) {
    counts = source.counts;
    behavior = registered(source.behavior, registry);
    interaction = registered(source.interaction, registry);
    emotion = registered(source.emotion, registry);
    emotionModel = registered(source.emotionModel, registry);
    emotionModelAccepted = registered(source.emotionModelAccepted, registry);
    emotionLabel = registered(source.emotionLabel, registry);
    narrative = registered(source.narrative, registry);
    narrativePolicy = registered(source.narrativePolicy, registry);
    narrativePolicyAccepted = registered(source.narrativePolicyAccepted, registry);
    generationRequest = registered(source.generationRequest, registry);
    generationResult = registered(source.generationResult, registry);
    deadLetter = source.deadLetter; // raw bytes of other records, copied as they came
    deadLetterRedrives = source.deadLetterRedrives;
  }

  /** The production topic names. */
  public static TopicCatalog standard() {
    return new TopicCatalog(UnaryOperator.identity(), TopicPartitions.CATALOG);
  }

  /** The same topics under {@code prefix + name}: for tests, shadow runs and tenants. */
  public static TopicCatalog withPrefix(String prefix) {
    return of(prefix, TopicPartitions.CATALOG);
  }

  /** A deployment's catalog: names under {@code prefix}, partition counts from {@code counts}. */
  public static TopicCatalog of(String prefix, TopicPartitions counts) {
    return new TopicCatalog(name -> prefix + name, counts);
  }

  /**
   * The partition count this catalog gives a keyed topic of a service's own (such as
   * stream-emotion's baselines), named without prefix: its override, else the event topics' count.
   */
  public int eventPartitions(String baseName) {
    return counts.event(baseName);
  }

  /**
   * The same topics, with values written in the Confluent wire format: {@code empath.proto} is
   * registered now under {@code <topic>-value} for every contract topic (each is written by one of
   * the project's producers), so serializers only frame records with the ids already known. Readers
   * accept both framings either way.
   *
   * @throws dev.empath.schemas.registry.SchemaRegistryException when the registry is unreachable or
   *     refuses a registration
   */
  public TopicCatalog withRegistry(SchemaRegistryClient registry) {
    return new TopicCatalog(this, registry);
  }

  private static <V extends Message> TopicSpec<String, V> registered(
      TopicSpec<String, V> spec, SchemaRegistryClient registry) {
    if (!(spec.valueSerde() instanceof ProtobufSerde<V> serde)) {
      throw new IllegalStateException(spec.name() + " has no protobuf value serde");
    }
    return spec.withValueSerde(serde.withRegistry(registry, spec.name()));
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

  /** Published emotion model documents, key game id ({@code *} = default). */
  public TopicSpec<String, EmotionModelDocument> emotionModel() {
    return emotionModel;
  }

  /** Model documents that passed stream-emotion's admission: its global model store's source. */
  public TopicSpec<String, EmotionModelDocument> emotionModelAccepted() {
    return emotionModelAccepted;
  }

  /** Ground-truth emotion labels, key session id. */
  public TopicSpec<String, EmotionLabel> emotionLabel() {
    return emotionLabel;
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

  /** The redrive ledger: key {@code <dead letter partition>:<offset>}, value a JSON line. */
  public TopicSpec<String, String> deadLetterRedrives() {
    return deadLetterRedrives;
  }

  public List<TopicSpec<?, ?>> all() {
    return List.of(
        behavior,
        interaction,
        emotion,
        emotionModel,
        emotionModelAccepted,
        emotionLabel,
        narrative,
        narrativePolicy,
        narrativePolicyAccepted,
        generationRequest,
        generationResult,
        deadLetter,
        deadLetterRedrives);
  }
}
