package dev.empath.bench.chaos;

import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The known set of malformed records the load mixes in, one kind after the other: undecodable
 * bytes, a record without its ids and a value out of range, on the behaviour topic (refused by
 * stream-emotion) and on the interaction topic (refused by stream-narrative and memory-projector).
 * Each is keyed {@code malformed-<n>}, which is how the checks find them in the input.
 */
final class Malformed {

  static final String KEY_PREFIX = "malformed-";

  /** The kinds, in the order they are sent. */
  static final List<String> KINDS =
      List.of(
          "behaviour: undecodable bytes",
          "behaviour: no session or event id",
          "behaviour: negative decision latency",
          "interaction: undecodable bytes",
          "interaction: no character id",
          "interaction: impact out of range");

  private final TopicCatalog topics;

  Malformed(TopicCatalog topics) {
    this.topics = topics;
  }

  /** The {@code n}-th malformed record, stamped {@code timestampMs}. */
  ProducerRecord<byte[], byte[]> record(int n, long timestampMs) {
    byte[] key = (KEY_PREFIX + n).getBytes(StandardCharsets.UTF_8);
    int kind = n % KINDS.size();
    String behaviour = topics.behavior().name();
    String interaction = topics.interaction().name();
    return switch (kind) {
      case 0 -> new ProducerRecord<>(behaviour, null, timestampMs, key, garbage(n));
      case 1 ->
          new ProducerRecord<>(
              behaviour,
              null,
              timestampMs,
              key,
              PlayerBehaviorData.newBuilder()
                  .setGameId(ChaosLoad.GAME)
                  .setPlayerId("nobody")
                  .setTimestampMs(timestampMs)
                  .build()
                  .toByteArray());
      case 2 ->
          new ProducerRecord<>(
              behaviour,
              null,
              timestampMs,
              key,
              PlayerBehaviorData.newBuilder()
                  .setSessionId(KEY_PREFIX + n)
                  .setEventId("bad-latency-" + n)
                  .setGameId(ChaosLoad.GAME)
                  .setPlayerId("nobody")
                  .setTimestampMs(timestampMs)
                  .setDecisionLatencyMs(-5)
                  .build()
                  .toByteArray());
      case 3 -> new ProducerRecord<>(interaction, null, timestampMs, key, garbage(n));
      case 4 ->
          new ProducerRecord<>(
              interaction,
              null,
              timestampMs,
              key,
              CharacterInteraction.newBuilder()
                  .setEventId("no-character-" + n)
                  .setGameId(ChaosLoad.GAME)
                  .setPlayerId("nobody")
                  .setSessionId(KEY_PREFIX + n)
                  .setTimestampMs(timestampMs)
                  .setKind(InteractionKind.INTERACTION_KIND_TALK)
                  .build()
                  .toByteArray());
      default ->
          new ProducerRecord<>(
              interaction,
              null,
              timestampMs,
              key,
              CharacterInteraction.newBuilder()
                  .setEventId("bad-impact-" + n)
                  .setGameId(ChaosLoad.GAME)
                  .setPlayerId("nobody")
                  .setSessionId(KEY_PREFIX + n)
                  .setCharacterId("aria")
                  .setTimestampMs(timestampMs)
                  .setKind(InteractionKind.INTERACTION_KIND_GIFT)
                  .setImpact(7f)
                  .build()
                  .toByteArray());
    };
  }

  /** Bytes that are no protobuf message: a zero byte (Confluent framing) without a schema id. */
  private static byte[] garbage(int n) {
    return new byte[] {0, (byte) 0xff, (byte) n, (byte) 0xfe};
  }
}
