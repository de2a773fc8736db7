package dev.empath.bench.whatif;

import dev.empath.bench.emotion.TopologyRun;
import dev.empath.bench.harness.BenchArgs;
import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.HelpOption;
import dev.empath.embedded.EmbeddedKafka;
import dev.empath.emotion.app.EmotionTopics;
import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.history.progress.Progress;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.narrative.config.NarrativeConfigKeys;
import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.simulator.BehaviorPublisher;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import dev.empath.whatif.report.WhatIfReport;
import dev.empath.whatif.run.GroupLag;
import dev.empath.whatif.run.WhatIf;
import dev.empath.whatif.run.WhatIfRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A what-if's events per second beside the emotion topology's own, on one embedded broker, same
 * input, same run: {@code whatif_vs_emotion_topology}. The emotion topology's run is also the
 * production the what-if is compared with (stream-narrative then directs its predictions).
 */
@Command(
    name = "bench/whatif",
    description =
        "Behaviour events per second of a whole what-if run (copy into shadow topics, shadow"
            + " emotion and narrative applications to the end of their input) against the emotion"
            + " topology's events/s under exactly-once over the same events, and the diff's time."
            + " Prints BENCH lines; whatif_vs_emotion_topology is the quality bar.")
public final class WhatIfBenchmark {

  @Mixin HelpOption help;

  @Option(
      names = "--events",
      defaultValue = "200000",
      description = "behaviour events pre-loaded (default: ${DEFAULT-VALUE})")
  int events;

  private final BenchReport report = BenchReport.stdout();

  public static void main(String[] args) throws Exception {
    WhatIfBenchmark bench = BenchArgs.parse(new WhatIfBenchmark(), args);
    if (bench.events < 1000) {
      System.err.println("--events must be at least 1000");
      System.exit(2);
    }
    Path root = Files.createTempDirectory("bench-whatif");
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        Admin admin =
            Admin.create(Map.of("bootstrap.servers", (Object) kafka.bootstrapServers()))) {
      bench.run(kafka, admin, root);
    }
  }

  private void run(EmbeddedKafka kafka, Admin admin, Path root) throws Exception {
    String prefix = "bench-whatif.";
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.TOPIC_PREFIX,
                prefix,
                EmotionConfigKeys.APPLICATION_ID.name(),
                prefix + "emotion",
                NarrativeConfigKeys.APPLICATION_ID.name(),
                prefix + "narrative",
                "kafka.streams.state.dir",
                root.resolve("production").toString(),
                "empath.whatif.state.dir",
                root.resolve("whatif").toString(),
                "empath.ops.port",
                "-1"));
    TopicCatalog topics = TopicCatalog.withPrefix(prefix);
    EmotionTopics.provision(admin, Optional.empty(), topics);
    long[] range = preload(config, topics);

    // Production: the emotion topology (measured), then stream-narrative over its predictions.
    TopologyRun runs =
        new TopologyRun(
            config,
            Files.createDirectories(root.resolve("topology")),
            topics.deadLetter().name(),
            report);
    TopologyRun.Measurement emotion =
        runs.measure(
            "emotion-topology",
            EmotionTopology.buildTopology(
                topics, EmotionSettings.defaults(), new TransparentEmotionModel()),
            events,
            false);
    try (LaunchedService narrative = ServiceBootstrap.launch(config, new NarrativeApp())) {
      awaitCaughtUp(admin, prefix + "narrative", Set.of(topics.emotion().name()));
    }

    NarrativePolicy sooner =
        DefaultPolicy.load().toBuilder()
            .setVersion("bench-sooner-hints")
            .setHint(
                DefaultPolicy.load().getHint().toBuilder().setMinScore(0.3f).setPersistMs(10_000))
            .build();
    WhatIfRequest request =
        new WhatIfRequest(
            "bench",
            range[0],
            range[1],
            Duration.ZERO,
            Optional.empty(),
            Optional.of(sooner),
            Optional.empty(),
            false);
    long t0 = System.nanoTime();
    WhatIfReport whatIf = WhatIf.run(config, request, label -> Progress.silent());
    double seconds = (System.nanoTime() - t0) / 1e9 - whatIf.diffMs() / 1000.0;
    WhatIfReport.Shadow s = whatIf.shadow();
    double rate = s.behaviourCopied() / seconds;
    report.info(
        "what-if: %d events in %.1f s (copy %.1f s, shadow emotion %.1f s, shadow narrative %.1f s,"
            + " set-up and clean-up the rest); diff %.1f s over %d + %d predictions",
        s.behaviourCopied(),
        seconds,
        s.copyMs() / 1e3,
        s.emotionMs() / 1e3,
        s.narrativeMs() / 1e3,
        whatIf.diffMs() / 1e3,
        whatIf.diff().emotion().production().predictions(),
        whatIf.diff().emotion().candidate().predictions());
    report.info(
        "hints: production %d, candidate %d; emotion agreement %.4f",
        whatIf.diff().narrative().production().hints(),
        whatIf.diff().narrative().candidate().hints(),
        whatIf.diff().emotion().agreement());
    report.metric("bench_events", s.behaviourCopied(), "events");
    report.metric("whatif_events_per_s", rate, "events/s");
    report.metric("emotion_topology_events_per_s", emotion.eventsPerSecond(), "events/s");
    report.ratio("whatif_vs_emotion_topology", rate, emotion.eventsPerSecond());
    report.metric("whatif_diff_ms", whatIf.diffMs(), "ms");
  }

  /** Sessions of 100 events, one per player, in time order; returns the range they cover. */
  private long[] preload(EmpathConfig config, TopicCatalog topics) {
    BehaviorSimulator simulator = new BehaviorSimulator(2026);
    int sessions = Math.max(1, events / 100);
    // Event times near now: the broker applies time-based retention to record timestamps.
    long start = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10);
    List<ScriptedBehavior> input =
        simulator.population(simulator.players("game-bench", sessions), 1, Segment.tour(20), start);
    report.info("pre-loading %d behaviour events (%d sessions)", input.size(), sessions);
    try (BehaviorPublisher publisher =
        new BehaviorPublisher(
            KafkaClientConfigs.producer(config, "bench-loader"), topics.behavior())) {
      publisher.sendAll(input);
      publisher.flush();
    }
    events = input.size();
    return new long[] {input.get(0).timestampMs(), input.get(input.size() - 1).timestampMs()};
  }

  private static void awaitCaughtUp(Admin admin, String group, Set<String> topics) {
    GroupLag lag = new GroupLag(admin, group, topics);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      GroupLag.Snapshot s = lag.snapshot();
      if (s.caughtUp() && s.committed() > 0) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    throw new IllegalStateException(group + " did not consume its input within 5 minutes");
  }
}
