package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.emotion.app.EmotionTopics;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.config.EmotionSettings.BaselineRouting;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.Assessment;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.simulator.BehaviorPublisher;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Against the real broker under exactly_once_v2: the app crashes mid-stream (a stream thread dies
 * with an {@link Error}, leaving its transaction open), restarts on an empty state directory, and a
 * read_committed reader sees each prediction exactly once — the very predictions an uninterrupted
 * run produces.
 */
class EmotionExactlyOnceIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @TempDir Path firstStateDir;
  @TempDir Path secondStateDir;
  @TempDir Path driverStateDir;

  /** Thrown by the model to kill a stream thread the way a JVM-level failure would. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash mid-stream");
    }
  }

  /** Works normally until armed; then crashes on the n-th assessment. */
  static final class CrashingModel implements EmotionModel {
    private final EmotionModel delegate = new TransparentEmotionModel();
    private final AtomicInteger untilCrash = new AtomicInteger(Integer.MAX_VALUE);

    void armAfter(int assessments) {
      untilCrash.set(assessments);
    }

    @Override
    public String version() {
      return delegate.version();
    }

    @Override
    public Assessment assess(FeatureVector f, long eventsSeen, double trust) {
      if (untilCrash.decrementAndGet() < 0) {
        throw new SimulatedCrash();
      }
      return delegate.assess(f, eventsSeen, trust);
    }
  }

  @ParameterizedTest
  @EnumSource(BaselineRouting.class)
  void noDuplicateOrMissingPredictionsAfterACrashAndRestartMidStream(BaselineRouting routing)
      throws Exception {
    TopicCatalog topics = TopicCatalog.withPrefix(kafka.uniqueName("emotion-eos") + ".");
    EmotionTopics.provision(kafka.adminClient(), Optional.empty(), topics);
    EmpathConfig config =
        EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers()));
    EmotionSettings settings =
        EmotionSettings.defaults()
            .withApplicationId(kafka.uniqueName("emotion-app"))
            .withRouting(routing);
    BehaviorSimulator simulator = new BehaviorSimulator(11);
    // One session per player: each session's predictions are then independent of how sessions
    // interleave across partitions, so an uninterrupted run is a well-defined expectation.
    List<ScriptedBehavior> events =
        simulator.population(
            simulator.players("game-1", 12),
            1,
            Segment.tour(20),
            // Near now: the broker's time-based retention applies to record timestamps.
            System.currentTimeMillis() - 600_000);
    List<ScriptedBehavior> firstHalf = events.subList(0, events.size() / 2);
    List<ScriptedBehavior> secondHalf = events.subList(events.size() / 2, events.size());
    Map<String, List<EmotionPrediction>> expected = uninterrupted(events, settings);

    try (BehaviorPublisher publisher =
        new BehaviorPublisher(KafkaClientConfigs.producer(config, "sim"), topics.behavior())) {
      CrashingModel model = new CrashingModel();
      KafkaStreams first = streams(topics, settings, model, config, firstStateDir);
      try {
        first.start();
        publisher.sendAll(firstHalf);
        publisher.flush();
        int firstHalfPredictions =
            (int)
                expected.values().stream()
                    .flatMap(List::stream)
                    .filter(
                        p ->
                            firstHalf.stream()
                                .anyMatch(e -> e.event().getEventId().equals(p.getSourceEventId())))
                    .count();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> readCommitted(config, topics).size() >= firstHalfPredictions);

        model.armAfter(secondHalf.size() / 3);
        publisher.sendAll(secondHalf);
        publisher.flush();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> first.state() == KafkaStreams.State.ERROR);
      } finally {
        first.close(Duration.ofSeconds(10));
      }
      int committedAtCrash = readCommitted(config, topics).size();
      assertThat(committedAtCrash)
          .as("the crash happened mid-stream")
          .isGreaterThan(0)
          .isLessThan(expected.values().stream().mapToInt(List::size).sum());

      try (KafkaStreams second =
          streams(topics, settings, new TransparentEmotionModel(), config, secondStateDir)) {
        second.start();
        int total = expected.values().stream().mapToInt(List::size).sum();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> readCommitted(config, topics).size() >= total);
      }
    }

    List<EmotionPrediction> seen = readCommitted(config, topics);
    assertThat(seen.stream().map(EmotionPrediction::getPredictionId).distinct().count())
        .as("no duplicates")
        .isEqualTo(seen.size());
    assertThat(seen.stream().collect(Collectors.groupingBy(EmotionPrediction::getSessionId)))
        .as("exactly what an uninterrupted run predicts, in order per session")
        .isEqualTo(expected);
  }

  private Map<String, List<EmotionPrediction>> uninterrupted(
      List<ScriptedBehavior> events, EmotionSettings settings) {
    try (EmotionDriver d =
        new EmotionDriver(driverStateDir, settings, new TransparentEmotionModel())) {
      d.play(events);
      return d.predictions().stream()
          .collect(Collectors.groupingBy(EmotionPrediction::getSessionId));
    }
  }

  private static KafkaStreams streams(
      TopicCatalog topics,
      EmotionSettings settings,
      EmotionModel model,
      EmpathConfig config,
      Path stateDir) {
    Properties props =
        KafkaClientConfigs.streams(config, settings.applicationId(), topics.deadLetter().name());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // A crashed instance never says goodbye: the group notices after the session timeout, so keep
    // it at the broker's minimum or the restart waits 45 s.
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    KafkaStreams streams =
        new KafkaStreams(EmotionTopology.buildTopology(topics, settings, model), props);
    streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    return streams;
  }

  /** Every committed prediction, read to the last stable offset of each partition. */
  private static List<EmotionPrediction> readCommitted(EmpathConfig config, TopicCatalog topics) {
    try (var reader =
        TopicReader.open(
            KafkaClientConfigs.consumer(config, "unused", "reader"),
            topics.emotion().name(),
            topics.emotion().keySerde().deserializer(),
            topics.emotion().valueSerde().deserializer())) {
      return reader.readToEnd().values();
    }
  }
}
