package dev.empath.history.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.history.progress.Progress;
import dev.empath.platform.config.EmpathConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BoundedScanIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  /** A day ago: brokers refuse timestamps more than an hour ahead of their clock. */
  private static final long T0 = System.currentTimeMillis() / 1000 * 1000 - 86_400_000L;

  private KafkaProducer<String, String> producer;
  private Consumer<byte[], byte[]> consumer;

  @BeforeEach
  void clients() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    consumer =
        HistoryConsumers.create(
            EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers())),
            "scan-test");
  }

  @AfterEach
  void close() {
    producer.close();
    consumer.close();
  }

  @Test
  void readsOnlyTheKeysPartitionWithinTheTimeRange() throws Exception {
    String topic = kafka.createTopic(kafka.uniqueName("scan"), 3);
    for (int i = 0; i < 30; i++) {
      send(topic, "session-" + (i % 3), T0 + i * 1_000L, "v" + i);
    }
    producer.flush();
    BoundedScan scan = new BoundedScan(consumer);
    int partition = KeyPartitions.of("session-1", scan.partitionCount(topic));
    List<ScanRange> plan =
        scan.plan(
            List.of(new TopicPartition(topic, partition)), T0 + 10_000, T0 + 20_000, Duration.ZERO);

    List<String> seen = new ArrayList<>();
    scan.run(
        plan,
        r -> {
          if (new String(r.key(), StandardCharsets.UTF_8).equals("session-1")) {
            seen.add(new String(r.value(), StandardCharsets.UTF_8));
          }
          return true;
        },
        Progress.silent());

    // i = 10..20 with i % 3 == 1: 10, 13, 16, 19
    assertThat(seen).containsExactly("v10", "v13", "v16", "v19");
  }

  @Test
  void aTransactionMarkerAfterOldEventTimesDoesNotEndTheRange() throws Exception {
    String topic = kafka.createTopic(kafka.uniqueName("scan"), 1);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueName("tx"));
    // Old event times, as a Streams application writes when it replays history: each commit
    // marker carries the broker's clock, a day later than the records around it.
    try (KafkaProducer<String, String> tx =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      tx.initTransactions();
      for (int batch = 0; batch < 5; batch++) {
        tx.beginTransaction();
        for (int i = 0; i < 4; i++) {
          int n = batch * 4 + i;
          tx.send(new ProducerRecord<>(topic, 0, T0 + n * 1_000L, "k", "v" + n));
        }
        tx.commitTransaction();
      }
    }
    BoundedScan scan = new BoundedScan(consumer);
    List<String> seen = new ArrayList<>();
    scan.run(
        scan.plan(scan.partitions(topic), T0, T0 + 19_000, Duration.ZERO),
        r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)),
        Progress.silent());

    assertThat(seen).hasSize(20).startsWith("v0").endsWith("v19");
  }

  @Test
  void stopsAtTheEndOffsetsTakenAtStartWhileRecordsKeepArriving() throws Exception {
    String topic = kafka.createTopic(kafka.uniqueName("scan"), 1);
    for (int i = 0; i < 100; i++) {
      send(topic, "k", T0 + i, "v" + i);
    }
    producer.flush();
    BoundedScan scan = new BoundedScan(consumer);
    List<ScanRange> plan =
        scan.plan(scan.partitions(topic), Long.MIN_VALUE, Long.MAX_VALUE, Duration.ZERO);
    AtomicBoolean more = new AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              int i = 100;
              while (more.get()) {
                send(topic, "k", T0 + i, "v" + i++);
              }
            });
    writer.start();
    long read;
    try {
      read = scan.run(plan, r -> true, Progress.silent());
    } finally {
      more.set(false);
      writer.join();
    }
    assertThat(read).isEqualTo(100);
  }

  @Test
  void refusesAStartOlderThanWhatRetentionKept() throws Exception {
    String topic = kafka.createTopic(kafka.uniqueName("scan"), 1);
    for (int i = 0; i < 10; i++) {
      send(topic, "k", T0 + i * 1_000L, "v" + i);
    }
    producer.flush();
    TopicPartition tp = new TopicPartition(topic, 0);
    kafka.adminClient().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(4))).all().get();
    BoundedScan scan = new BoundedScan(consumer);

    assertThatThrownBy(() -> scan.plan(List.of(tp), T0, Long.MAX_VALUE, Duration.ZERO))
        .isInstanceOf(BeyondRetentionException.class)
        .hasMessageContaining(topic + " holds records from")
        .hasMessageContaining("deleted by retention");
    assertThat(scan.plan(List.of(tp), T0 + 5_000, Long.MAX_VALUE, Duration.ZERO))
        .containsExactly(new ScanRange(tp, 5, 10));
    assertThatThrownBy(() -> scan.plan(List.of(tp), T0 + 5, T0, Duration.ZERO))
        .hasMessageContaining("is after the end");
    assertThatThrownBy(() -> scan.partitions("no-such-topic-" + T0))
        .hasMessageContaining("does not exist");
  }

  private void send(String topic, String key, long timestamp, String value) {
    producer.send(
        new ProducerRecord<>(topic, null, timestamp, key, value),
        (metadata, e) -> {
          if (e != null) {
            failures.add(e);
          }
        });
  }

  private final List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterEach
  void nothingFailedToSend() {
    assertThat(failures).isEmpty();
  }
}
