package dev.empath.bench.timetravel;

import dev.empath.bench.harness.BenchReport;
import dev.empath.history.progress.Progress;
import dev.empath.history.scan.HistoryConsumers;
import dev.empath.history.scan.KeyPartitions;
import dev.empath.history.story.SessionStory;
import dev.empath.history.story.StoryPage;
import dev.empath.history.story.StoryRequest;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A session's story from a behaviour topic of many sessions ({@code story_ms}, best of rounds),
 * against reading the same partition range with a bare consumer that decodes nothing ({@code
 * story_vs_bare_partition_read}).
 */
final class StorySection implements Section {

  static final String GAME = "bench-game";
  static final int SESSIONS = 2_000;
  private static final int ROUNDS = 5;

  /** The session whose story is told; its events are spread over the whole topic. */
  static final String SESSION = "session-42";

  @Override
  public String name() {
    return "story";
  }

  @Override
  public void run(TimeTravelSetup setup, BenchReport report) throws Exception {
    long t0 = fill(setup, report);
    long from = t0 + setup.records() / 4;
    long to = t0 + setup.records() / 2;
    StoryRequest request = StoryRequest.all(GAME, SESSION, from, to);
    long bestStory = Long.MAX_VALUE;
    long bestBare = Long.MAX_VALUE;
    int entries = 0;
    try (Consumer<byte[], byte[]> consumer = HistoryConsumers.create(setup.config(), "bench")) {
      SessionStory story = new SessionStory(consumer, setup.catalog());
      for (int round = 0; round < ROUNDS; round++) {
        long start = System.nanoTime();
        StoryPage page = story.read(request, Progress.silent());
        long storyNanos = System.nanoTime() - start;
        entries = page.entries().size();
        long bareNanos = bare(setup, from, to);
        bestStory = Math.min(bestStory, storyNanos);
        bestBare = Math.min(bestBare, bareNanos);
        report.info(
            "round %d: story %d entries (%d records read) in %.1f ms, bare read %.1f ms",
            round + 1, entries, page.recordsRead(), storyNanos / 1e6, bareNanos / 1e6);
      }
    }
    if (entries == 0) {
      throw new IllegalStateException("the story of " + SESSION + " came back empty");
    }
    report.metric("story_ms", bestStory / 1e6, "ms");
    report.metric("bare_partition_read_ms", bestBare / 1e6, "ms");
    report.metric("story_vs_bare_partition_read", (double) bestStory / bestBare, "x");
  }

  /** One record per ms, sessions round-robin, so every session spans the whole topic. */
  private static long fill(TimeTravelSetup setup, BenchReport report) {
    String topic = setup.catalog().behavior().name();
    long t0 = System.currentTimeMillis() - 2L * setup.records();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, setup.kafka().bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      var serializer = setup.catalog().behavior().valueSerde().serializer();
      for (int i = 0; i < setup.records(); i++) {
        String session = "session-" + (i % SESSIONS);
        long ts = t0 + i;
        PlayerBehaviorData event =
            PlayerBehaviorData.newBuilder()
                .setEventId("e" + i)
                .setGameId(GAME)
                .setPlayerId("p" + (i % SESSIONS))
                .setSessionId(session)
                .setTimestampMs(ts)
                .setDecisionLatencyMs(400 + i % 900)
                .setActionFrequency(20 + i % 40)
                .addRecentChoices(i % 4)
                .putContextData("progress", (i % 100) / 100f)
                .build();
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                ts,
                session.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topic, event)));
      }
      producer.flush();
    }
    report.info(
        "filled %s with %,d records of %,d sessions in %.1f s",
        topic, setup.records(), SESSIONS, (System.nanoTime() - start) / 1e9);
    return t0;
  }

  /** The same partition and time range, bytes only: what any reader must pay. */
  private static long bare(TimeTravelSetup setup, long from, long to) {
    String topic = setup.catalog().behavior().name();
    TopicPartition tp =
        new TopicPartition(
            topic, KeyPartitions.of(SESSION, setup.catalog().behavior().partitions()));
    try (Consumer<byte[], byte[]> consumer = HistoryConsumers.create(setup.config(), "bare")) {
      long start = System.nanoTime();
      consumer.assign(List.of(tp));
      long first = consumer.offsetsForTimes(java.util.Map.of(tp, from)).get(tp).offset();
      var stopAt = consumer.offsetsForTimes(java.util.Map.of(tp, to + 1)).get(tp);
      long end = stopAt == null ? consumer.endOffsets(List.of(tp)).get(tp) : stopAt.offset();
      consumer.seek(tp, first);
      long seen = 0;
      while (consumer.position(tp) < end) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          seen += r.offset() < end ? 1 : 0;
        }
      }
      if (seen == 0) {
        throw new IllegalStateException("the bare read saw nothing");
      }
      return System.nanoTime() - start;
    }
  }
}
