package dev.empath.llm.worker;

import dev.empath.llm.idempotency.AnsweredRequests;
import dev.empath.platform.deadletter.DeadLetterPublisher;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side: polls generation requests, runs a batch concurrently through the {@link
 * GenerationService}, then writes the results, any dead letters and the consumed offsets in one
 * Kafka transaction. A request's offset is committed only together with its result, so a crash
 * anywhere before the commit re-delivers the request (its provider answer usually comes back from
 * the cache) and a crash after it cannot repeat it: exactly one committed result per request.
 * Duplicates of a request id are skipped through {@link AnsweredRequests} and within a batch.
 */
public final class GenerationWorker implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GenerationWorker.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final GenerationService service;
  private final AnsweredRequests answered;
  private final DeadLetterPublisher deadLetters;
  private final TopicSpec<String, GenerationRequest> requests;
  private final TopicSpec<String, GenerationResult> results;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean halted = new AtomicBoolean(false);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public GenerationWorker(
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      GenerationService service,
      AnsweredRequests answered,
      DeadLetterPublisher deadLetters,
      TopicSpec<String, GenerationRequest> requests,
      TopicSpec<String, GenerationResult> results) {
    this.consumer = consumer;
    this.producer = producer;
    this.service = service;
    this.answered = answered;
    this.deadLetters = deadLetters;
    this.requests = requests;
    this.results = results;
  }

  @Override
  public void run() {
    try {
      producer.initTransactions();
      consumer.subscribe(List.of(requests.name()));
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
          processBatch(records);
        }
      }
    } catch (WakeupException | ProducerFencedException e) {
      if (running.get()) {
        log.error("worker stopped: {}", e.toString());
      }
    } catch (RuntimeException e) {
      log.error("worker failed", e);
    } finally {
      closeClients();
      stopped.countDown();
    }
  }

  private void processBatch(ConsumerRecords<byte[], byte[]> records) {
    Deserializer<GenerationRequest> decoder = requests.valueSerde().deserializer();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    List<Map.Entry<ConsumerRecord<byte[], byte[]>, RuntimeException>> rejected = new ArrayList<>();
    Map<String, CompletableFuture<GenerationResult>> pending = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      firstOffsets.putIfAbsent(tp, record.offset());
      offsets.put(tp, new OffsetAndMetadata(record.offset() + 1));
      GenerationRequest request;
      try {
        request = decoder.deserialize(record.topic(), record.headers(), record.value());
      } catch (RuntimeException e) {
        rejected.add(Map.entry(record, e));
        continue;
      }
      String id = request.getRequestId();
      if (pending.containsKey(id) || answered.isAnswered(id)) {
        log.debug("request {} already answered, skipping the duplicate", id);
        continue;
      }
      try {
        pending.put(id, service.submit(request));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // nothing committed: the batch is delivered again
      }
    }
    List<GenerationResult> done = awaitAll(pending);
    if (done == null) {
      return; // halted mid-flight: like a crash, nothing of this batch is produced or committed
    }
    try {
      producer.beginTransaction();
      rejected.forEach(r -> deadLetters.publish(r.getKey(), r.getValue()));
      Serializer<String> keys = results.keySerde().serializer();
      Serializer<GenerationResult> values = results.valueSerde().serializer();
      for (GenerationResult result : done) {
        producer.send(
            new ProducerRecord<>(
                results.name(),
                keys.serialize(results.name(), result.getSessionId()),
                values.serialize(results.name(), result)));
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (ProducerFencedException e) {
      throw e; // another instance owns these partitions now
    } catch (KafkaException e) {
      log.warn("transaction failed, batch will be processed again: {}", e.toString());
      producer.abortTransaction();
      firstOffsets.forEach(consumer::seek);
      return;
    }
    try {
      answered.markAnswered(pending.keySet());
    } catch (RuntimeException e) {
      log.warn("could not mark {} requests answered: {}", pending.size(), e.toString());
    }
  }

  /** Waits for every result; null if the worker was halted meanwhile. */
  private List<GenerationResult> awaitAll(
      Map<String, CompletableFuture<GenerationResult>> pending) {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new));
    while (true) {
      if (halted.get()) {
        return null;
      }
      try {
        all.get(50, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException stillRunning) {
        // keep waiting, checking for a halt
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (ExecutionException e) {
        // handle() catches provider and Redis failures; anything else is a bug, not input.
        throw new IllegalStateException("generation failed unexpectedly", e.getCause());
      }
    }
    return pending.values().stream().map(CompletableFuture::join).toList();
  }

  /** Finishes the current batch, then stops. */
  @Override
  public void close() {
    running.set(false);
    await();
  }

  /**
   * Stops at once without producing or committing what is in flight — what a crash does. For tests
   * of the delivery guarantee, and for shutting down when the deadline of a graceful stop passed.
   */
  public void halt() {
    halted.set(true);
    running.set(false);
    consumer.wakeup();
    await();
  }

  private void await() {
    try {
      if (!stopped.await(60, TimeUnit.SECONDS)) {
        log.warn("worker did not stop within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeClients() {
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.warn("closing consumer: {}", e.toString());
    }
    try {
      producer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.warn("closing producer: {}", e.toString());
    }
  }
}
