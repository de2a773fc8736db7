package dev.empath.emotion.topology;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.labels.LabelCheck;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.prediction.Prediction;
import dev.empath.emotion.prediction.PredictionSerializer;
import dev.empath.emotion.publish.ModelTopics;
import dev.empath.schemas.serde.ProtobufSerde;
import dev.empath.schemas.topic.CleanupPolicy;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.schemas.validation.Validator;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Behaviour events to emotion predictions, in one of two routings (see {@link
 * EmotionSettings.BaselineRouting}).
 *
 * <pre>
 * BY_SESSION (default):
 * behavior ─► emotion processor ─► emotion (key session)
 *               │ store emotion-sessions (session): features, clock, the session's baseline copy
 *               │ reads global store emotion-baselines (game/player) when a session begins
 *               └► emotion.baseline (key game/player, compacted) ─► global store emotion-baselines
 *
 * both: emotion.model ─► admission (rejects → DLQ) ─► emotion.model.accepted ─► global store
 *       emotion-models (game → document), read by the emotion processor per event: the game's
 *       model, else "*", else the configured one (see {@link ModelTopics})
 *       emotion.label ─► label check (bad labels → DLQ; see {@link LabelCheck})
 *
 * BY_PLAYER:
 * behavior ─► by-player repartition ─► emotion processor ─► emotion (key session)
 *                                        └ store emotion-players (game/player):
 *                                          baseline + recent sessions' state
 * </pre>
 *
 * Both stores are {@link WriteBehindTable}s: values stay decoded, and one written many times within
 * a commit interval reaches RocksDB and its changelog once. Records the serde rejects never reach
 * the processor: the dead-letter handlers configured by {@code KafkaClientConfigs.streams} route
 * them to the dead-letter topic with their reason.
 */
public final class EmotionTopology {

  /** {@code BY_PLAYER}: player baseline and recent sessions' state, keyed by game/player. */
  public static final String PLAYER_STORE = "emotion-players";

  /** {@code BY_SESSION}: per-session state with the session's baseline copy, keyed by session. */
  public static final String SESSION_STORE = "emotion-sessions";

  /** {@code BY_SESSION}: every player's last published baseline, on every instance. */
  public static final String BASELINE_STORE = "emotion-baselines";

  static final String SOURCE = "behavior-source";
  static final String PROCESSOR = "emotion";
  static final String EMOTION_SINK = "emotion-sink";
  static final String BASELINE_SINK = "baseline-sink";

  private EmotionTopology() {}

  /**
   * The compacted topic of published player baselines ({@code BY_SESSION}), named after the
   * catalog's emotion topic so a prefixed catalog gets a prefixed baselines topic. The value is the
   * baseline's binary layout ({@link StateSerdes#baseline()}): internal to stream-emotion.
   */
  public static TopicSpec<String, PlayerBaseline> baselineTopic(TopicCatalog topics) {
    String emotion = topics.emotion().name();
    String suffix = "empath.emotion.v1";
    if (!emotion.endsWith(suffix)) {
      throw new IllegalArgumentException("unexpected emotion topic name " + emotion);
    }
    return new TopicSpec<>(
        emotion.substring(0, emotion.length() - suffix.length()) + "empath.emotion.baseline.v1",
        Serdes.String(),
        StateSerdes.baseline(),
        "game_id/player_id",
        topics.eventPartitions("empath.emotion.baseline.v1"),
        CleanupPolicy.COMPACT,
        Optional.empty());
  }

  /**
   * @param model the configured model: governs every game until a model is published for it or for
   *     all games ({@code *}) on the catalog's model topic
   */
  public static Topology buildTopology(
      TopicCatalog topics, EmotionSettings settings, EmotionModel model) {
    return settings.routing() == EmotionSettings.BaselineRouting.BY_PLAYER
        ? byPlayer(topics, settings, model)
        : bySession(topics, settings, model);
  }

  private static Topology bySession(
      TopicCatalog topics, EmotionSettings settings, EmotionModel model) {
    TopicSpec<String, PlayerBehaviorData> in = topics.behavior();
    TopicSpec<String, EmotionPrediction> out = topics.emotion();
    TopicSpec<String, PlayerBaseline> baselines = baselineTopic(topics);
    Topology topology = new Topology();
    topology.addSource(
        SOURCE, in.keySerde().deserializer(), in.valueSerde().deserializer(), in.name());
    ModelTopics.addTo(topology, topics);
    LabelCheck.addTo(topology, topics);
    topology.addProcessor(
        PROCESSOR, () -> new SessionEmotionProcessor(settings, model, documents(topics)), SOURCE);
    topology.addStateStore(
        WriteBehindTable.builder(SESSION_STORE, StateSerdes.session()), PROCESSOR);
    topology.addSink(
        EMOTION_SINK,
        out.name(),
        out.keySerde().serializer(),
        new PredictionSerializer(out.valueSerde().serializer()),
        PROCESSOR);
    topology.addSink(
        BASELINE_SINK,
        baselines.name(),
        baselines.keySerde().serializer(),
        baselines.valueSerde().serializer(),
        PROCESSOR);
    // The topic is the store's changelog: a global store is restored from it, never logged.
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BASELINE_STORE),
                baselines.keySerde(),
                baselines.valueSerde())
            .withLoggingDisabled(),
        "baseline-source",
        baselines.keySerde().deserializer(),
        baselines.valueSerde().deserializer(),
        baselines.name(),
        "baseline-updater",
        BaselineUpdater::new);
    return topology;
  }

  private static Topology byPlayer(
      TopicCatalog topics, EmotionSettings settings, EmotionModel model) {
    TopicSpec<String, PlayerBehaviorData> in = topics.behavior();
    TopicSpec<String, EmotionPrediction> out = topics.emotion();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(WriteBehindTable.builder(PLAYER_STORE, StateSerdes.player()));
    ModelTopics.addTo(builder, topics);
    LabelCheck.addTo(builder, topics);

    KStream<String, PlayerBehaviorData> behaviour =
        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde()).withName(SOURCE));
    // All sessions of a player meet the player's baseline in one task. A session's events keep
    // their order: they come from one input partition and go to one repartition partition. The
    // records were validated when read from the source, so the internal topic skips validation.
    ProtobufSerde<PlayerBehaviorData> unchecked =
        ProtobufSerde.of(PlayerBehaviorData.getDefaultInstance(), Validator.none());
    behaviour
        .selectKey((session, event) -> EmotionStep.playerKey(event), Named.as("key-by-player"))
        .repartition(Repartitioned.with(Serdes.String(), unchecked).withName("by-player"))
        .process(
            () -> new ByPlayerEmotionProcessor(settings, model, documents(topics)),
            Named.as(PROCESSOR),
            PLAYER_STORE)
        .to(out.name(), Produced.with(out.keySerde(), predictions(out)).withName(EMOTION_SINK));
    return builder.build();
  }

  private static Deserializer<EmotionModelDocument> documents(TopicCatalog topics) {
    return topics.emotionModelAccepted().valueSerde().deserializer();
  }

  /** Writes predictions in the emotion topic's format; this topology never reads them back. */
  private static Serde<Prediction> predictions(TopicSpec<String, EmotionPrediction> out) {
    return Serdes.serdeFrom(
        new PredictionSerializer(out.valueSerde().serializer()),
        (topic, bytes) -> {
          throw new UnsupportedOperationException("stream-emotion never reads " + topic);
        });
  }
}
