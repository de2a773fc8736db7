package dev.empath.bench.query.live;

import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes emotion predictions for sessions {@code s0..s<n-1>} to the emotion topic at a steady
 * rate: round {@code r} gives every session its {@code r}-th prediction, spread evenly over the
 * round, so the load is a flat line rather than a burst per round. A prediction's timestamp is its
 * publish time, from which a stream measures delivery latency; its id names session and round.
 */
final class LivePublisher {

  private final String bootstrapServers;
  private final TopicCatalog topics;
  private final String game;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  LivePublisher(String bootstrapServers, TopicCatalog topics, String game) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.game = game;
  }

  static String session(int index) {
    return "s" + index;
  }

  static String predictionId(int index, int round) {
    return "lv-" + index + "-" + round;
  }

  /** The round of a prediction id if it belongs to session {@code index}, else -1. */
  static int sequence(String predictionId, int index) {
    String prefix = "lv-" + index + "-";
    if (predictionId == null || !predictionId.startsWith(prefix)) {
      return -1;
    }
    try {
      return Integer.parseInt(predictionId.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Publishes {@code rounds} rounds for {@code sessions} sessions, one round every {@code roundMs};
   * returns when every record is acknowledged or failed.
   */
  void publish(int sessions, int rounds, long roundMs) {
    Serializer<String> keys = topics.emotion().keySerde().serializer();
    Serializer<EmotionPrediction> values = topics.emotion().valueSerde().serializer();
    try (KafkaProducer<String, EmotionPrediction> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), keys, values)) {
      long total = (long) sessions * rounds;
      double perRecordNanos = TimeUnit.MILLISECONDS.toNanos(roundMs) / (double) sessions;
      long start = System.nanoTime();
      long sent = 0;
      while (sent < total) {
        long due = Math.min(total, (long) ((System.nanoTime() - start) / perRecordNanos) + 1);
        for (; sent < due; sent++) {
          int index = (int) (sent % sessions);
          int round = (int) (sent / sessions);
          producer.send(
              new ProducerRecord<>(
                  topics.emotion().name(), session(index), prediction(index, round)),
              (metadata, e) -> (e == null ? acked : failed).incrementAndGet());
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing the open-loop schedule
      }
      producer.flush();
    }
  }

  long acked() {
    return acked.get();
  }

  long failed() {
    return failed.get();
  }

  private EmotionPrediction prediction(int index, int round) {
    return EmotionPrediction.newBuilder()
        .setPredictionId(predictionId(index, round))
        .setGameId(game)
        .setSessionId(session(index))
        .setPlayerId("player-" + index)
        .setDominantEmotion("excitement")
        .setConfidence(0.62f)
        .setTimestampMs(System.currentTimeMillis())
        .setValence(0.31f)
        .setArousal(0.72f)
        .putAllScores("excitement", 0.62f)
        .putAllScores("calm", 0.2f)
        .setModelVersion("transparent-v1")
        .setEventsSeen(round)
        .build();
  }
}
