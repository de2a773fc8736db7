package dev.empath.bench.emotion;

import dev.empath.bench.emotion.TopologyRun.Measurement;
import dev.empath.bench.harness.BenchArgs;
import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.HelpOption;
import dev.empath.embedded.EmbeddedKafka;
import dev.empath.emotion.app.EmotionTopics;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.OnnxEmotionModel;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.simulator.BehaviorPublisher;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * stream-emotion's throughput against its stateful floor, on one embedded broker, same input, same
 * Streams configuration (exactly_once_v2), in one run: the quality bar {@code emotion_vs_floor}.
 * Beside it the same topology running an ONNX model ({@link TrainedOnnxModel}, trained on the first
 * round's predictions) against the transparent one: {@code emotion_onnx_vs_transparent}.
 *
 * <p>The {@link StatefulFloor} is the least work any stream-emotion must do (decode, per-session
 * state in a logged store, output) with records as large as the emotion topology's own, which the
 * first round measures. Rounds alternate the three topologies and the best of each counts: JIT
 * warm-up and the noise of a shared machine hit both alike instead of whichever runs first.
 */
@Command(
    name = "bench/emotion",
    description =
        "stream-emotion events/s under exactly-once against its stateful floor (the same decode,"
            + " state and output sizes without the emotion logic), and with an ONNX model against"
            + " the transparent one, same broker and run. Prints BENCH lines; emotion_vs_floor"
            + " and emotion_onnx_vs_transparent are the quality bars.")
public final class EmotionBenchmark {

  @Mixin HelpOption help;

  @Option(
      names = "--events",
      defaultValue = "600000",
      description =
          "behaviour events pre-loaded and processed by each run (default: ${DEFAULT-VALUE})")
  int events;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "rounds of the three topologies; the best of each counts (default: ${DEFAULT-VALUE})")
  int rounds;

  private final BenchReport report = BenchReport.stdout();

  public static void main(String[] args) throws Exception {
    EmotionBenchmark bench = BenchArgs.parse(new EmotionBenchmark(), args);
    if (bench.events < 1000 || bench.rounds < 1) {
      System.err.println("--events must be at least 1000 and --rounds at least 1");
      System.exit(2);
    }
    Path stateRoot = Files.createTempDirectory("bench-emotion");
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        Admin admin =
            Admin.create(Map.of("bootstrap.servers", (Object) kafka.bootstrapServers()))) {
      EmpathConfig config =
          EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers()));
      bench.run(config, admin, stateRoot);
    } finally {
      deleteRecursively(stateRoot);
    }
  }

  private void run(EmpathConfig config, Admin admin, Path stateRoot) throws Exception {
    TopicCatalog topics = TopicCatalog.withPrefix("bench-throughput.");
    EmotionTopics.provision(admin, Optional.empty(), topics);
    String floorOut = "bench-throughput.floor-out";
    admin
        .createTopics(List.of(new NewTopic(floorOut, topics.emotion().partitions(), (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    List<ScriptedBehavior> input = preload(config, topics);
    int n = input.size();
    TopologyRun runs = new TopologyRun(config, stateRoot, topics.deadLetter().name(), report);

    Measurement emotion = Measurement.NONE;
    Measurement onnx = Measurement.NONE;
    Measurement floor = Measurement.NONE;
    StatefulFloor.Shape shape = null;
    OnnxEmotionModel onnxModel = null;
    try {
      for (int round = 1; round <= rounds; round++) {
        boolean first = round == 1;
        RecordSizes.reset();
        // The first round counts the records the emotion topology sends, to size the floor's.
        emotion =
            emotion.best(
                runs.measure(
                    "emotion-" + round,
                    emotionTopology(topics, new TransparentEmotionModel()),
                    n,
                    first));
        if (shape == null) {
          shape = emotionRecordShape(topics, n);
          report.info("floor sized as the emotion topology's records: %s", shape.describe());
          onnxModel = new OnnxEmotionModel(TrainedOnnxModel.train(config, topics, input, report));
        }
        onnx =
            onnx.best(runs.measure("onnx-" + round, emotionTopology(topics, onnxModel), n, false));
        floor =
            floor.best(
                runs.measure(
                    "floor-" + round, StatefulFloor.build(topics, floorOut, shape), n, false));
      }
    } finally {
      if (onnxModel != null) {
        onnxModel.close();
      }
    }

    report.metric("bench_events", n, "events");
    report.metric("bench_rounds", rounds, "rounds");
    report.metric("emotion_predictions_per_event", shape.emitShare(), "records");
    report.metric("emotion_prediction_bytes", shape.outputBytes(), "bytes");
    report.metric("emotion_session_state_bytes", shape.stateBytes(), "bytes");
    report.metric("floor_events_per_s", floor.eventsPerSecond(), "events/s");
    report.metric("emotion_events_per_s", emotion.eventsPerSecond(), "events/s");
    // CPU per event holds up better than events/s on a shared, loaded machine: time other
    // processes take from the benchmark is not counted. "process" includes the in-JVM broker.
    report.metric("floor_thread_cpu_per_event", floor.threadCpuMicros(), "us");
    report.metric("floor_process_cpu_per_event", floor.processCpuMicros(), "us");
    report.metric("emotion_thread_cpu_per_event", emotion.threadCpuMicros(), "us");
    report.metric("emotion_process_cpu_per_event", emotion.processCpuMicros(), "us");
    report.ratio(
        "emotion_vs_floor_by_process_cpu", floor.processCpuMicros(), emotion.processCpuMicros());
    report.ratio("emotion_vs_floor", emotion.eventsPerSecond(), floor.eventsPerSecond());
    report.metric("emotion_onnx_events_per_s", onnx.eventsPerSecond(), "events/s");
    report.metric("emotion_onnx_thread_cpu_per_event", onnx.threadCpuMicros(), "us");
    report.metric("emotion_onnx_process_cpu_per_event", onnx.processCpuMicros(), "us");
    report.ratio(
        "emotion_onnx_vs_transparent_by_process_cpu",
        emotion.processCpuMicros(),
        onnx.processCpuMicros());
    report.ratio("emotion_onnx_vs_transparent", onnx.eventsPerSecond(), emotion.eventsPerSecond());
  }

  /** Sessions of 100 events (every arc, 20 each), one per player, in time order. */
  private List<ScriptedBehavior> preload(EmpathConfig config, TopicCatalog topics) {
    BehaviorSimulator simulator = new BehaviorSimulator(2026);
    int sessions = Math.max(1, events / 100);
    // Event times near now: the broker applies time-based retention to record timestamps.
    long start = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(2);
    List<ScriptedBehavior> input =
        simulator.population(simulator.players("game-bench", sessions), 1, Segment.tour(20), start);
    report.info("pre-loading %d behaviour events (%d sessions)", input.size(), sessions);
    try (BehaviorPublisher publisher =
        new BehaviorPublisher(
            KafkaClientConfigs.producer(config, "bench-loader"), topics.behavior())) {
      publisher.sendAll(input);
      publisher.flush();
    }
    return input;
  }

  private static org.apache.kafka.streams.Topology emotionTopology(
      TopicCatalog topics, EmotionModel model) {
    return EmotionTopology.buildTopology(topics, EmotionSettings.defaults(), model);
  }

  /**
   * The emotion topology's records as the first round sent them: predictions per input event, their
   * mean size, and the mean size of a session's changelog record.
   */
  private static StatefulFloor.Shape emotionRecordShape(TopicCatalog topics, int events) {
    RecordSizes.Sent predictions = RecordSizes.sentTo(topics.emotion().name()::equals);
    RecordSizes.Sent sessions =
        RecordSizes.sentTo(t -> t.endsWith("-" + EmotionTopology.SESSION_STORE + "-changelog"));
    if (predictions.records() == 0 || sessions.records() == 0) {
      throw new IllegalStateException(
          "no predictions or session changelog records counted: " + predictions + ", " + sessions);
    }
    return new StatefulFloor.Shape(
        Math.min(1.0, predictions.records() / (double) events),
        (int) Math.round(predictions.meanValueBytes()),
        (int) Math.round(sessions.meanValueBytes()));
  }

  /** The topologies' state directories (RocksDB, ~17 MB a run) are of no use after the run. */
  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
