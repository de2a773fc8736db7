package dev.empath.llm.worker;

import dev.empath.llm.idempotency.AnsweredRequests;
import dev.empath.platform.deadletter.DeadLetterPublisher;
import dev.empath.platform.security.AccessDenied;
import dev.empath.schemas.serde.MalformedRecordException;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * The Kafka side: polls generation requests and keeps up to {@code maxInFlight} of them running in
 * the {@link GenerationService} continuously — a slow request does not hold back the next poll —
 * and every {@code commitInterval} writes the results, dead letters and offsets of each partition's
 * finished prefix in one Kafka transaction ({@link Uncommitted}). A request's offset is committed
 * only together with its result and every result before it, so a crash anywhere before the commit
 * re-delivers the request (its provider answer usually comes back from the cache) and a crash after
 * it cannot repeat it: exactly one committed result per request. Duplicates of a request id are
 * skipped through {@link AnsweredRequests} and while the first is held.
 *
 * <p>Intake stops (partitions paused, the consumer still polled) while every slot is taken or too
 * many finished results wait behind a slow one, so memory stays bounded.
 */
public final class GenerationWorker implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GenerationWorker.class);

  // How long close() waits for running requests to finish and commit; deadlines are shorter.
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final GenerationService service;
  private final AnsweredRequests answered;
  private final DeadLetterPublisher deadLetters;
  private final TopicSpec<String, GenerationRequest> requests;
  private final TopicSpec<String, GenerationResult> results;
  private final int maxInFlight;
  private final int maxHeld;
  private final long commitIntervalNanos;
  private final Uncommitted uncommitted = new Uncommitted();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicBoolean halted = new AtomicBoolean(false);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private long lastCommitNanos = System.nanoTime();

  /**
   * @param maxInFlight requests running in the service at once
   * @param commitInterval how long finished results may wait to be committed with others
   */
  public GenerationWorker(
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      GenerationService service,
      AnsweredRequests answered,
      DeadLetterPublisher deadLetters,
      TopicSpec<String, GenerationRequest> requests,
      TopicSpec<String, GenerationResult> results,
      int maxInFlight,
      Duration commitInterval) {
    this.consumer = consumer;
    this.producer = producer;
    this.service = service;
    this.answered = answered;
    this.deadLetters = deadLetters;
    this.requests = requests;
    this.results = results;
    this.maxInFlight = maxInFlight;
    // Finished results waiting behind a slow one at the head of their partition.
    this.maxHeld = 4 * maxInFlight;
    this.commitIntervalNanos = commitInterval.toNanos();
  }

  /** The error that stopped the loop, if one did. */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure.get());
  }

  @Override
  public void run() {
    try {
      producer.initTransactions();
      consumer.subscribe(List.of(requests.name()), new Rebalance());
      while (open.get()) {
        Duration wait = uncommitted.isEmpty() ? Duration.ofMillis(100) : Duration.ofMillis(5);
        accept(consumer.poll(wait));
        uncommitted.start(maxInFlight - running.get(), this::submit);
        regulateIntake();
        if (System.nanoTime() - lastCommitNanos >= commitIntervalNanos) {
          commitFinished();
        }
      }
      if (!halted.get()) {
        drain();
      }
    } catch (WakeupException | ProducerFencedException | InterruptedException e) {
      if (open.get()) {
        log.error("worker stopped: {}", e.toString());
      }
    } catch (RuntimeException e) {
      failure.set(e);
      log.error("worker failed", e);
    } finally {
      closeClients();
      stopped.countDown();
    }
  }

  private void accept(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    Deserializer<GenerationRequest> decoder = requests.valueSerde().deserializer();
    List<Decoded> decoded = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        if (record.value() == null) {
          // A tombstone: the serde reads it as "no request", which nothing could answer.
          throw new MalformedRecordException("no value: a generation request record needs one");
        }
        decoded.add(
            new Decoded(
                record,
                decoder.deserialize(record.topic(), record.headers(), record.value()),
                null));
      } catch (RuntimeException e) {
        decoded.add(new Decoded(record, null, e));
      }
    }
    Set<String> alreadyAnswered = answeredAmong(decoded);
    // In record order: a partition's slots must be in offset order.
    for (Decoded d : decoded) {
      TopicPartition tp = new TopicPartition(d.record().topic(), d.record().partition());
      if (d.request() == null) {
        uncommitted.addRejected(tp, d.record(), d.error());
        continue;
      }
      String id = d.request().getRequestId();
      if (uncommitted.holds(id) || alreadyAnswered.contains(id)) {
        log.debug("request {} already answered, skipping the duplicate", id);
        uncommitted.addSkipped(tp, d.record().offset());
      } else {
        uncommitted.addRequest(tp, d.record().offset(), d.request());
      }
    }
  }

  /** A polled record and its request, or why it could not be read. */
  private record Decoded(
      ConsumerRecord<byte[], byte[]> record, GenerationRequest request, RuntimeException error) {}

  /** One round trip for the whole poll; a failure answers "none", so nothing is lost. */
  private Set<String> answeredAmong(List<Decoded> decoded) {
    List<String> ids = new ArrayList<>(decoded.size());
    for (Decoded d : decoded) {
      if (d.request() != null) {
        ids.add(d.request().getRequestId());
      }
    }
    try {
      return answered.answeredAmong(ids);
    } catch (RuntimeException e) {
      log.warn("answered markers unreadable, duplicates may be answered again: {}", e.toString());
      return Set.of();
    }
  }

  private CompletableFuture<GenerationResult> submit(GenerationRequest request) {
    running.incrementAndGet();
    try {
      return service.submit(request).whenComplete((r, e) -> running.decrementAndGet());
    } catch (InterruptedException e) {
      running.decrementAndGet();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a request", e);
    } catch (RuntimeException e) {
      running.decrementAndGet();
      throw e;
    }
  }

  /** Pauses fetching while nothing more could start or too much waits; resumes after. */
  private void regulateIntake() {
    boolean full = uncommitted.hasWaiting() || uncommitted.size() >= maxHeld;
    Set<TopicPartition> paused = consumer.paused();
    if (full && paused.size() < consumer.assignment().size()) {
      consumer.pause(consumer.assignment());
    } else if (!full && !paused.isEmpty()) {
      consumer.resume(paused);
    }
  }

  /** Commits every partition's finished prefix with its results, in one transaction. */
  private void commitFinished() {
    lastCommitNanos = System.nanoTime();
    if (halted.get()) {
      return; // like a crash: nothing more is produced or committed
    }
    Uncommitted.Finished finished = uncommitted.takeFinished();
    if (finished.isEmpty()) {
      return;
    }
    try {
      producer.beginTransaction();
      finished.rejected().forEach(r -> deadLetters.publish(r.record(), r.reason()));
      Serializer<String> keys = results.keySerde().serializer();
      Serializer<GenerationResult> values = results.valueSerde().serializer();
      for (GenerationResult result : finished.results()) {
        producer.send(
            new ProducerRecord<>(
                results.name(),
                keys.serialize(results.name(), result.getSessionId()),
                values.serialize(results.name(), result)));
      }
      producer.sendOffsetsToTransaction(finished.offsets(), consumer.groupMetadata());
      producer.commitTransaction();
    } catch (ProducerFencedException e) {
      throw e; // another instance owns these partitions now
    } catch (KafkaException e) {
      if (AccessDenied.find(e).isPresent()) {
        throw e; // a refused permission fails every retry alike
      }
      log.warn("transaction failed, its requests will be processed again: {}", e.toString());
      producer.abortTransaction();
      rewind(finished);
      return;
    }
    try {
      answered.markAnswered(finished.requestIds());
    } catch (RuntimeException e) {
      log.warn("could not mark {} requests answered: {}", finished.requestIds().size(), e);
    }
    uncommitted.release(finished.requestIds());
  }

  /** After an aborted transaction: everything not committed is consumed again from its start. */
  private void rewind(Uncommitted.Finished aborted) {
    Map<TopicPartition, Long> from = new HashMap<>(uncommitted.forgetAll());
    from.putAll(aborted.firstOffsets()); // the aborted records came before those still held
    uncommitted.release(aborted.requestIds());
    Set<TopicPartition> assigned = consumer.assignment();
    from.forEach(
        (tp, offset) -> {
          if (assigned.contains(tp)) {
            consumer.seek(tp, offset);
          }
        });
  }

  /** On a graceful stop: lets running requests finish, then commits what it can. */
  private void drain() throws InterruptedException {
    long until = System.nanoTime() + DRAIN_LIMIT.toNanos();
    for (CompletableFuture<GenerationResult> r : uncommitted.running()) {
      long left = until - System.nanoTime();
      if (halted.get() || left <= 0) {
        return;
      }
      try {
        r.get(left, TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // a bug or the limit: what did not finish is not committed, and is consumed again
      }
    }
    commitFinished(); // requests that never started are consumed again by the next owner
  }

  /** Partitions leaving this worker: commit what is finished, let the next owner do the rest. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!halted.get()) {
        commitFinished();
      }
      uncommitted.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // nothing held for them yet
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      uncommitted.forget(partitions); // the group moved on: committing now would be fenced
    }
  }

  /** Finishes running requests and commits them, then stops. */
  @Override
  public void close() {
    open.set(false);
    await();
  }

  /**
   * Stops at once without producing or committing what is in flight — what a crash does. For tests
   * of the delivery guarantee, and for shutting down when the deadline of a graceful stop passed.
   */
  public void halt() {
    halted.set(true);
    open.set(false);
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
