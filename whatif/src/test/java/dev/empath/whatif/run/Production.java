package dev.empath.whatif.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.emotion.app.EmotionApp;
import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.narrative.config.NarrativeConfigKeys;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.Arc;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.InteractionSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.ScriptedInteraction;
import dev.empath.simulator.Segment;
import dev.empath.simulator.TelemetryPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * A production as it runs: simulated players' behaviour and interactions published to the
 * production topics, stream-emotion and stream-narrative launched through {@link ServiceBootstrap}
 * (exactly-once, provisioning) until both have consumed everything, then stopped.
 */
final class Production {

  static final int PLAYERS = 8;

  /** Sustained frustration (with deaths) long enough for the shipped policy's hint rule. */
  static final List<Segment> SCRIPT =
      List.of(
          new Segment(Arc.CALM_EXPLORATION, 30),
          new Segment(Arc.RISING_FRUSTRATION, 220),
          new Segment(Arc.CALM_EXPLORATION, 30),
          new Segment(Arc.COMBAT_EXCITEMENT, 50),
          new Segment(Arc.REPETITIVE_BOREDOM, 50));

  final EmpathConfig config;
  final TopicCatalog topics;
  final List<PlayerBehaviorData> behaviour;
  final long startMs;
  final long endMs;

  private Production(EmpathConfig config, TopicCatalog topics, List<PlayerBehaviorData> behaviour) {
    this.config = config;
    this.topics = topics;
    this.behaviour = behaviour;
    this.startMs = behaviour.stream().mapToLong(PlayerBehaviorData::getTimestampMs).min().orElse(0);
    this.endMs = behaviour.stream().mapToLong(PlayerBehaviorData::getTimestampMs).max().orElse(0);
  }

  static Production run(KafkaExtension kafka, Path stateDir) {
    String prefix = kafka.uniqueName("prod") + ".";
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
                stateDir.resolve("production").toString(),
                "empath.whatif.state.dir",
                stateDir.resolve("whatif").toString(),
                "empath.ops.port",
                "-1"));
    TopicCatalog topics = TopicCatalog.withPrefix(prefix);
    BehaviorSimulator simulator = new BehaviorSimulator(21);
    // Timestamps near now: the broker applies time-based retention to record timestamps.
    long start = System.currentTimeMillis() - Duration.ofMinutes(20).toMillis();
    List<ScriptedBehavior> events =
        simulator.population(simulator.players("g1", PLAYERS), 1, SCRIPT, start);
    List<ScriptedInteraction> interactions = new InteractionSimulator(21, 15).alongside(events);
    try (LaunchedService emotionApp = ServiceBootstrap.launch(config, new EmotionApp());
        LaunchedService narrativeApp = ServiceBootstrap.launch(config, new NarrativeApp())) {
      assertThat(emotionApp.failure()).isEmpty();
      assertThat(narrativeApp.failure()).isEmpty();
      Admin admin = kafka.adminClient();
      try (TelemetryPublisher publisher =
          new TelemetryPublisher(KafkaClientConfigs.producer(config, "simulator"), topics)) {
        Stream.concat(events.stream(), interactions.stream())
            .sorted(Comparator.comparingLong(e -> e.timestampMs()))
            .forEach(publisher::send);
        publisher.flush();
      }
      awaitCaughtUp(admin, prefix + "emotion", Set.of(topics.behavior().name()));
      awaitCaughtUp(
          admin,
          prefix + "narrative",
          Set.of(
              topics.emotion().name(),
              topics.interaction().name(),
              topics.narrativePolicy().name()));
    }
    return new Production(config, topics, events.stream().map(ScriptedBehavior::event).toList());
  }

  static void awaitCaughtUp(Admin admin, String group, Set<String> topics) {
    GroupLag lag = new GroupLag(admin, group, topics);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              GroupLag.Snapshot s = lag.snapshot();
              return s.caughtUp() && s.committed() > 0;
            });
  }

  static String acceptedPolicyTopic(TopicCatalog topics) {
    return NarrativeTopology.acceptedPolicyTopic(topics).name();
  }
}
