package dev.empath.emotion.topology;

import dev.empath.emotion.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
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
 * Behaviour events to emotion predictions.
 *
 * <pre>
 * behavior ─► [by-player repartition, BY_PLAYER only] ─► emotion processor ─► emotion (key session)
 *                                                          └ store emotion-players (game/player):
 *                                                            baseline + recent sessions' state
 * </pre>
 *
 * Records the serde rejects never reach the processor: the dead-letter handlers configured by
 * {@code KafkaClientConfigs.streams} route them to the dead-letter topic with their reason.
 */
public final class EmotionTopology {

  /** Player baseline and recent sessions' state, keyed by game/player. */
  public static final String PLAYER_STORE = "emotion-players";

  private EmotionTopology() {}

  public static Topology buildTopology(
      TopicCatalog topics, EmotionSettings settings, EmotionModel model) {
    TopicSpec<String, PlayerBehaviorData> in = topics.behavior();
    TopicSpec<String, EmotionPrediction> out = topics.emotion();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PLAYER_STORE), Serdes.String(), StateSerdes.player()));

    KStream<String, PlayerBehaviorData> behaviour =
        builder.stream(
            in.name(), Consumed.with(in.keySerde(), in.valueSerde()).withName("behavior-source"));
    if (settings.routing() == EmotionSettings.BaselineRouting.BY_PLAYER) {
      // All sessions of a player meet the player's baseline in one task. A session's events keep
      // their order: they come from one input partition and go to one repartition partition.
      behaviour =
          behaviour
              .selectKey(
                  (session, event) -> EmotionProcessor.playerKey(event), Named.as("key-by-player"))
              .repartition(
                  Repartitioned.with(Serdes.String(), in.valueSerde()).withName("by-player"));
    }
    behaviour
        .process(() -> new EmotionProcessor(settings, model), Named.as("emotion"), PLAYER_STORE)
        .to(out.name(), Produced.with(out.keySerde(), out.valueSerde()).withName("emotion-sink"));
    return builder.build();
  }
}
