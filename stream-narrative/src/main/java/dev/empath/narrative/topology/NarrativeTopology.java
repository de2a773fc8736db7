package dev.empath.narrative.topology;

import com.google.protobuf.Message;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.state.DirectorStateSerde;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream-narrative topology.
 *
 * <pre>
 * narrative.policy ─► admission (validate; rejects → DLQ) ─► narrative.policy.accepted.v1
 *                                                                  │ global store: game → policy
 * emotion ─► director (per-session state store) ─┬─► narrative     ▼ (read by every task)
 *                                               └─► generation.request
 * </pre>
 *
 * <p>Policies travel through an accepted-policy topic because a global store's thread cannot
 * dead-letter: only records that passed admission in a regular task ever reach it, so a malformed
 * policy is dead-lettered once, inside the transaction, and the previous policy stays in force.
 */
public final class NarrativeTopology {

  public static final String DIRECTOR_STORE = "narrative-director-state";
  public static final String POLICY_STORE = "narrative-policies";

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
        .process(PolicyAdmission::new, Named.as("policy-admission"))
        .to(
            accepted.name(),
            Produced.with(accepted.keySerde(), accepted.valueSerde()).withName("policy-accepted"));

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(POLICY_STORE), Serdes.String(), accepted.valueSerde())
            .withLoggingDisabled(),
        accepted.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("accepted-policy-source"),
        () -> new PolicyStoreUpdater(POLICY_STORE, accepted.valueSerde().deserializer()));

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DIRECTOR_STORE),
            Serdes.String(),
            new DirectorStateSerde()));

    TopicSpec<String, EmotionPrediction> emotion = catalog.emotion();
    TopicSpec<String, NarrativeDecision> narrative = catalog.narrative();
    TopicSpec<String, GenerationRequest> generation = catalog.generationRequest();
    KStream<String, Message> outputs =
        builder.stream(
                emotion.name(),
                Consumed.with(emotion.keySerde(), emotion.valueSerde()).withName("emotion-source"))
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
}
