package dev.empath.bench.timetravel;

import com.google.protobuf.Message;
import dev.empath.bench.harness.BenchReport;
import dev.empath.cli.state.StateQuery;
import dev.empath.embedded.KafkaEndpoint;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.fold.WorkingSet;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.InteractionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code state --at} folding from the topics: one character with {@code records} interactions (the
 * worst case: every record of the partition is the character's and is folded), answered by the
 * command's own code ({@link StateQuery}), against bench/projector's decode+fold-only leg over the
 * same records in the same run (a bare consumer, decode, {@code EventFold.applyAll} per poll).
 */
public final class StateFoldBench {

  private static final String PREFIX = "bench-state.";
  private static final String GAME = "bench-game";
  private static final String CHARACTER = "blacksmith";

  private StateFoldBench() {}

  // Written once per leg so the JIT cannot drop the work the leg times.
  private static volatile long sink;

  /**
   * Runs the section; prints {@code state_fold_records_per_s} and {@code state_fold_vs_fold_only}.
   */
  public static void run(BenchReport report, KafkaEndpoint kafka, int records, int rounds)
      throws Exception {
    TopicCatalog catalog = TopicCatalog.withPrefix(PREFIX);
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.TOPIC_PREFIX,
                PREFIX));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new TopicProvisioner(admin, Optional.empty()).ensure(catalog.all());
    }
    long t0 = System.currentTimeMillis() - records * 1_000L - 60_000;
    report.info("producing %d interactions of one character", records);
    long producedAt = System.nanoTime();
    produce(kafka.bootstrapServers(), catalog, records, t0);
    report.info("produced in %.1f s", (System.nanoTime() - producedAt) / 1e9);
    ProjectedTopics topics = new ProjectedTopics(catalog);
    StateQuery query = new StateQuery(GAME, CHARACTER, null, null, t0 + records * 1_000L, 10);
    double bestState = 0;
    double bestFold = 0;
    // Round 0 warms the JIT and is not counted.
    for (int round = 0; round <= rounds; round++) {
      double fold = foldOnly(kafka.bootstrapServers(), catalog, topics, records);
      long start = System.nanoTime();
      StateQuery.Result result = query.run(config, false);
      double state = result.folded() / ((System.nanoTime() - start) / 1e9);
      if (result.folded() != records) {
        throw new IllegalStateException("folded " + result.folded() + " of " + records);
      }
      sink = result.answer().hashCode();
      report.info(
          "round %d%s: state --at %.0f records/s, decode+fold-only %.0f records/s",
          round, round == 0 ? " (warm-up)" : "", state, fold);
      if (round > 0) {
        bestState = Math.max(bestState, state);
        bestFold = Math.max(bestFold, fold);
      }
    }
    report.metric("state_fold_records_per_s", bestState, "records/s");
    report.metric("state_fold_only_records_per_s", bestFold, "records/s");
    report.ratio("state_fold_vs_fold_only", bestState, bestFold);
  }

  /** bench/projector's fold-only leg over the character's partition: decode and fold in memory. */
  static double foldOnly(String bootstrap, TopicCatalog catalog, ProjectedTopics topics, int n) {
    EventFold fold = new EventFold(new Keyspace(1), ProjectorSettings.defaults("bench").rules());
    WorkingSet state = new WorkingSet();
    String topic = catalog.interaction().name();
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long writes = 0;
    long records = 0;
    long start;
    try (Consumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      start = System.nanoTime();
      while (records < n) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
        for (TopicPartition tp : polled.partitions()) {
          List<Message> events = new ArrayList<>();
          for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
            Message e = topics.deserializer(topic).deserialize(topic, r.headers(), r.value());
            for (String key : fold.keysToRead(e)) {
              if (!state.isLoaded(key)) {
                state.load(key, Optional.empty());
              }
            }
            events.add(e);
          }
          writes += fold.applyAll(events, state).size();
          records += events.size();
        }
      }
    }
    sink = writes;
    return records / ((System.nanoTime() - start) / 1e9);
  }

  static void produce(String bootstrap, TopicCatalog catalog, int n, long t0) {
    Map<String, Object> props =
        Map.of("bootstrap.servers", bootstrap, "linger.ms", "20", "batch.size", "262144");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        long at = t0 + i * 1_000L;
        CharacterInteraction e =
            CharacterInteraction.newBuilder()
                .setEventId("i" + i)
                .setGameId(GAME)
                .setPlayerId("player-" + (i % 200))
                .setSessionId("session-" + (i % 500))
                .setCharacterId(CHARACTER)
                .setTimestampMs(at)
                .setKind(InteractionKind.forNumber(1 + i % 8))
                .setImpact(((i * 37) % 21 - 10) / 10f)
                .setSummary("interaction " + i)
                .build();
        producer.send(
            new ProducerRecord<>(
                catalog.interaction().name(), null, at, CHARACTER, e.toByteArray()));
      }
      producer.flush();
    }
  }
}
