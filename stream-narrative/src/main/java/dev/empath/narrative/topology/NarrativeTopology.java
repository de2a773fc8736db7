package dev.empath.narrative.topology;

import com.google.protobuf.Message;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.content.LastWords;
import dev.empath.narrative.policy.PolicyRules;
import dev.empath.narrative.state.DirectorStateSerde;
import dev.empath.narrative.state.LastWordsSerde;
import dev.empath.platform.streams.documents.DocumentAdmission;
import dev.empath.platform.streams.documents.DocumentStoreUpdater;
import dev.empath.platform.streams.documents.GameDocuments;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream-narrative topology.
 *
 * <pre>
 * narrative.policy ─► admission (validate; rejects → DLQ) ─► narrative.policy.accepted.v1
 *                                                                  │ global store: game → policy
 * interaction ─► by session ─► last words per session and character
 *                                   │ (joined)
 * emotion ─► director (per-session state store) ─┬─► narrative     ▼ (read by every task)
 *                                               └─► generation.request
 * </pre>
 *
 * <p>Policies travel through an accepted-policy topic because a global store's thread cannot
 * dead-letter: only records that passed admission in a regular task ever reach it, so a malformed
 * policy is dead-lettered once, inside the transaction, and the previous policy stays in force.
 *
 * <p>Interactions are keyed by character; they are re-keyed by session (a repartition topic) so
 * that a session's last words live in the task that directs the session. A generation request
 * carries the player's last words to its character as {@code player_text}: the line answers them
 * and the worker ranks the character's memories by relevance to them.
 */
public final class NarrativeTopology {

  public static final String DIRECTOR_STORE = "narrative-director-state";
  public static final String POLICY_STORE = "narrative-policies";
  public static final String LAST_WORDS_STORE = "narrative-last-words";

  /** Names the repartition topic: {@code <application.id>-narrative-last-words-repartition}. */
  static final String LAST_WORDS_BY_SESSION = LAST_WORDS_STORE;

  static final GameDocuments<NarrativePolicy> POLICIES =
      new GameDocuments<>(
          "policy",
          NarrativePolicy::getGameId,
          NarrativePolicy::getVersion,
          PolicyRules::violations,
          policy -> PolicyRules.requireValid(policy, policy.getVersion()));

  private NarrativeTopology() {}

  /** The compacted topic of admitted policies, next to the policy topic of {@code catalog}. */
  public static TopicSpec<String, NarrativePolicy> acceptedPolicyTopic(TopicCatalog catalog) {
    return catalog.narrativePolicyAccepted();
  }

  public static Topology buildTopology(TopicCatalog catalog, NarrativeSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    TopicSpec<String, NarrativePolicy> policies = catalog.narrativePolicy();
    TopicSpec<String, NarrativePolicy> accepted = acceptedPolicyTopic(catalog);

    builder.stream(
            policies.name(),
            Consumed.with(policies.keySerde(), policies.valueSerde()).withName("policy-source"))
        .process(() -> new DocumentAdmission<>(POLICIES), Named.as("policy-admission"))
        .to(
            accepted.name(),
            Produced.with(accepted.keySerde(), accepted.valueSerde()).withName("policy-accepted"));

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(POLICY_STORE), Serdes.String(), accepted.valueSerde())
            .withLoggingDisabled(),
        accepted.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("accepted-policy-source"),
        () ->
            new DocumentStoreUpdater<>(
                POLICIES,
                POLICY_STORE,
                accepted.valueSerde().deserializer(),
                (bytes, policy) -> policy));

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DIRECTOR_STORE),
            Serdes.String(),
            new DirectorStateSerde()));

    TopicSpec<String, EmotionPrediction> emotion = catalog.emotion();
    TopicSpec<String, NarrativeDecision> narrative = catalog.narrative();
    TopicSpec<String, GenerationRequest> generation = catalog.generationRequest();
    KTable<String, LastWords> lastWords = lastWords(builder, catalog.interaction());
    KStream<String, Message> outputs =
        builder.stream(
                emotion.name(),
                Consumed.with(emotion.keySerde(), emotion.valueSerde()).withName("emotion-source"))
            .leftJoin(
                lastWords,
                Moment::new,
                Joined.with(emotion.keySerde(), emotion.valueSerde(), new LastWordsSerde())
                    .withName("with-last-words"))
            .process(
                () -> new DirectorProcessor(DIRECTOR_STORE, POLICY_STORE, settings.defaultPolicy()),
                Named.as("pacing-director"),
                DIRECTOR_STORE);
    outputs
        .split(Named.as("output-"))
        .branch(
            (session, message) -> message instanceof NarrativeDecision,
            Branched.withConsumer(
                decisions ->
                    decisions
                        .mapValues(m -> (NarrativeDecision) m, Named.as("as-decision"))
                        .to(
                            narrative.name(),
                            Produced.with(narrative.keySerde(), narrative.valueSerde())
                                .withName("narrative-sink")),
                "decision"))
        .branch(
            (session, message) -> message instanceof GenerationRequest,
            Branched.withConsumer(
                requests ->
                    requests
                        .mapValues(m -> (GenerationRequest) m, Named.as("as-request"))
                        .to(
                            generation.name(),
                            Produced.with(generation.keySerde(), generation.valueSerde())
                                .withName("generation-request-sink")),
                "request"));
    return builder.build();
  }

  private static KTable<String, LastWords> lastWords(
      StreamsBuilder builder, TopicSpec<String, CharacterInteraction> interaction) {
    return builder.stream(
            interaction.name(),
            Consumed.with(interaction.keySerde(), interaction.valueSerde())
                .withName("interaction-source"))
        .filter((character, i) -> LastWords.spoken(i), Named.as("spoken-interactions"))
        .groupBy(
            (character, i) -> i.getSessionId(),
            Grouped.with(LAST_WORDS_BY_SESSION, Serdes.String(), interaction.valueSerde()))
        .aggregate(
            LastWords::none,
            (session, i, words) -> words.with(i),
            Named.as("last-words"),
            Materialized.<String, LastWords, KeyValueStore<Bytes, byte[]>>as(LAST_WORDS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(new LastWordsSerde()));
  }
}
