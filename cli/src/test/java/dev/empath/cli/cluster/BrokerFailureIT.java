package dev.empath.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.emotion.app.EmotionApp;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.Catalogs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.simulator.BehaviorPublisher;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a replicated cluster (3 brokers, topics at replication factor 3 and {@code
 * min.insync.replicas} 2, created by the services' own start-up with 3 partitions), a broker is
 * killed while stream-emotion and stream-narrative run under exactly-once, more behaviour arrives
 * while it is down, and it comes back: a {@code read_committed} reader then sees, per key, exactly
 * the records a run without failure produces, none lost and none twice.
 */
class BrokerFailureIT {

  private static final Duration CONVERGED = Duration.ofSeconds(180);

  @RegisterExtension static final KafkaExtension kafka = KafkaExtension.cluster(3);

  @TempDir Path stateDir;
  @TempDir Path driverDir;

  @Test
  void exactlyOnceOutputIsExactAfterABrokerIsKilledMidStreamAndRestarted() throws Exception {
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.TOPIC_PREFIX,
                kafka.uniqueName("failover") + ".",
                "empath.topic.partitions",
                "3",
                "empath.topic.replication.factor",
                "3",
                "empath.topic.min.insync.replicas",
                "2",
                "empath.emotion.application.id",
                kafka.uniqueName("emotion"),
                "empath.narrative.application.id",
                kafka.uniqueName("narrative"),
                "kafka.streams.state.dir",
                stateDir.toString(),
                "empath.ops.port",
                "-1"));
    TopicCatalog topics = Catalogs.topics(config);
    BehaviorSimulator simulator = new BehaviorSimulator(23);
    // One session per player: a session's output then depends on its own events only.
    List<ScriptedBehavior> events =
        simulator.population(
            simulator.players("game-1", 12),
            1,
            Segment.tour(16),
            System.currentTimeMillis() - 600_000);
    CleanRun.Output expected = CleanRun.of(events, topics, config, driverDir);
    int total = count(expected.narrative());
    assertThat(expected.narrative()).as("every session is directed").hasSize(12);
    int third = events.size() / 3;
    List<ScriptedBehavior> before = events.subList(0, third);
    List<ScriptedBehavior> during = events.subList(third, 2 * third);
    List<ScriptedBehavior> after = events.subList(2 * third, events.size());

    try (LaunchedService emotion = ServiceBootstrap.launch(config, new EmotionApp());
        LaunchedService narrative = ServiceBootstrap.launch(config, new NarrativeApp());
        BehaviorPublisher publisher =
            new BehaviorPublisher(
                KafkaClientConfigs.producer(config, "failover-sim"), topics.behavior())) {
      publisher.sendAll(before);
      publisher.flush();
      await().atMost(CONVERGED).until(() -> committed(config, topics.narrative()).size() > 0);

      // Killed while both applications work through a burst: transactions are open on it.
      int victim = leaderOf(topics.narrative().name());
      publisher.sendAll(during);
      publisher.flush();
      kafka.cluster().kill(victim);
      int atKill = committed(config, topics.narrative()).size();
      publisher.sendAll(after);
      publisher.flush();
      await()
          .atMost(CONVERGED)
          .alias("both applications go on with a broker down")
          .until(() -> committed(config, topics.narrative()).size() > atKill);
      assertThat(atKill).as("killed mid-stream").isLessThan(total);

      kafka.cluster().restart(victim);
      await().atMost(CONVERGED).until(() -> committed(config, topics.narrative()).size() >= total);
      assertThat(emotion.failure()).isEmpty();
      assertThat(narrative.failure()).isEmpty();
    }

    assertThat(byKey(committed(config, topics.emotion())))
        .as("emotion predictions per session")
        .isEqualTo(expected.emotion());
    assertThat(byKey(committed(config, topics.narrative())))
        .as("narrative decisions per session")
        .isEqualTo(expected.narrative());
    assertThat(byKey(committed(config, topics.generationRequest())))
        .as("generation requests per session")
        .isEqualTo(expected.generation());
  }

  /** The broker leading partition 0 of {@code topic}, as an index of the cluster's nodes. */
  private static int leaderOf(String topic) throws Exception {
    return kafka
            .adminClient()
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get()
            .get(topic)
            .partitions()
            .get(0)
            .leader()
            .id()
        - 1;
  }

  /** Every committed record of {@code topic}, read to its last stable offsets. */
  private static <V> List<ConsumerRecord<String, V>> committed(
      EmpathConfig config, TopicSpec<String, V> topic) {
    try (TopicReader<String, V> reader =
        TopicReader.open(
            KafkaClientConfigs.consumer(config, "unused", "failover-reader"),
            topic.name(),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      return List.copyOf(reader.within(Duration.ofSeconds(60)).readToEnd().records());
    }
  }

  private static <V> Map<String, List<V>> byKey(List<ConsumerRecord<String, V>> records) {
    return records.stream()
        .collect(
            Collectors.groupingBy(
                ConsumerRecord::key,
                LinkedHashMap::new,
                Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
  }

  private static int count(Map<String, ? extends List<?>> byKey) {
    return byKey.values().stream().mapToInt(List::size).sum();
  }
}
