package dev.empath.cli.dlq;

import dev.empath.cli.tool.UserError;
import dev.empath.history.scan.KeyPartitions;
import dev.empath.platform.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends dead letters back to their source topics, each at most once. All sends and their ledger
 * entries go in one Kafka transaction, so both or neither land. The producer's transactional id is
 * fixed per dead-letter topic: starting it fences (and aborts) any other redrive still running, and
 * the ledger is read only after that, so two redrives cannot both send the same dead letter.
 */
final class Redriver {

  /** What a redrive did: records sent, and dead letters left alone with the reason. */
  record Outcome(List<String> sent, List<String> skipped) {}

  private final Supplier<Producer<byte[], byte[]>> producers;
  private final Consumer<byte[], byte[]> consumer;
  private final String ledgerTopic;
  private final Payloads payloads;

  /**
   * @param producers transactional producers with the redrive's fixed transactional id
   * @param consumer a history consumer to read the ledger with
   */
  Redriver(
      Supplier<Producer<byte[], byte[]>> producers,
      Consumer<byte[], byte[]> consumer,
      String ledgerTopic,
      Payloads payloads) {
    this.producers = producers;
    this.consumer = consumer;
    this.ledgerTopic = ledgerTopic;
    this.payloads = payloads;
  }

  /**
   * @param strict refuse the whole redrive when any letter was redriven already or cannot be (ids
   *     named by the user); otherwise skip those (letters chosen by a filter)
   * @throws UserError when {@code strict} and a letter cannot be sent
   */
  Outcome redrive(List<DeadLetter> letters, String dlqTopic, boolean strict) {
    try (Producer<byte[], byte[]> producer = producers.get()) {
      producer.initTransactions();
      RedriveLedger ledger = RedriveLedger.read(consumer, ledgerTopic);
      List<DeadLetter> sendable = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (DeadLetter letter : letters) {
        String why = whyNot(letter, ledger);
        if (why == null) {
          sendable.add(letter);
        } else if (strict) {
          throw new UserError(why);
        } else {
          skipped.add(why);
        }
      }
      List<String> sent = new ArrayList<>();
      if (sendable.isEmpty()) {
        return new Outcome(sent, skipped);
      }
      long now = System.currentTimeMillis();
      producer.beginTransaction();
      for (DeadLetter letter : sendable) {
        ProducerRecord<byte[], byte[]> back = back(letter, dlqTopic, now);
        producer.send(back);
        String target = back.topic() + (back.partition() == null ? "" : "/" + back.partition());
        producer.send(ledger.entry(letter, target, now));
        sent.add(letter.id() + " -> " + target);
      }
      producer.commitTransaction();
      return new Outcome(sent, skipped);
    }
  }

  /** Null when {@code letter} can be sent back, else why not, in one line. */
  private String whyNot(DeadLetter letter, RedriveLedger ledger) {
    if (ledger.redriven(letter.id())) {
      return "dead letter "
          + letter.id()
          + " was redriven already "
          + ledger.describe(letter.id()).orElse("")
          + "; a dead letter is redriven at most once";
    }
    String source = letter.info().getSourceTopic();
    if (source.isEmpty()) {
      return "dead letter " + letter.id() + " names no source topic";
    }
    if (payloads.topic(source).isEmpty()) {
      return "dead letter " + letter.id() + " came from " + source + ", not a catalog topic";
    }
    return null;
  }

  /** The original key and value, to the original partition, marked as redriven. */
  private ProducerRecord<byte[], byte[]> back(DeadLetter letter, String dlqTopic, long nowMs) {
    String source = letter.info().getSourceTopic();
    Integer partition = letter.info().getSourcePartition();
    List<PartitionInfo> partitions = consumer.partitionsFor(source);
    int count = partitions == null ? 0 : partitions.size();
    if (partition < 0 || partition >= count) {
      // Where the key belongs now; without a key, wherever the producer puts it.
      byte[] key = letter.raw().key();
      partition = key != null && count > 0 ? KeyPartitions.of(key, count) : null;
    }
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        DeadLetterHeaders.REDRIVEN_FROM,
        (dlqTopic + "/" + letter.id().partition() + "/" + letter.id().offset())
            .getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.REDRIVEN_AT_MS, Long.toString(nowMs).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        source, partition, null, letter.raw().key(), letter.raw().value(), headers);
  }
}
