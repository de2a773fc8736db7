package dev.empath.projector.consumer;

import com.google.protobuf.Message;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.store.AtomicBatchWriter;
import dev.empath.projector.store.BackgroundCommitter;
import dev.empath.projector.store.CommitOutcome;
import dev.empath.projector.store.KeyspaceAdmin;
import dev.empath.projector.store.OffsetStore;
import dev.empath.projector.store.PartitionBatch;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The projector's consume-fold-commit loop. Positions live in Redis, next to the data, and never in
 * Kafka: on assignment each partition is sought to the offset Redis holds, every batch is committed
 * together with its next offset in one script call, and whatever Redis holds is therefore exactly
 * what was applied.
 *
 * <p>Pipelined, the loop folds poll n+1 while Redis applies poll n (on the {@link
 * BackgroundCommitter}'s thread), and sends n+1 only once n has answered: at most one batch is in
 * flight, so each partition's batches still reach Redis in order, each with the offset it expects.
 * If n is not applied as sent, n+1 (folded on top of it) is dropped and its records are read again.
 *
 * <p>One thread runs {@link #run()}; {@link #stop()} and {@link #halt()} may be called from others.
 * The loop does not own the consumer or the Redis client: whoever created them closes them.
 */
public final class ProjectorLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProjectorLoop.class);

  private final Consumer<byte[], byte[]> consumer;
  private final UnifiedJedis redis;
  private final RejectedRecords deadLetters;
  private final ProjectedTopics topics;
  private final ProjectorSettings settings;
  private final AtomicBatchWriter.Mode mode;
  private final Map<TopicPartition, Long> stopAt;
  private final AtomicBatchWriter writer;
  private final BackgroundCommitter committer;
  private final OffsetStore offsets;
  private final KeyspaceAdmin admin;
  private final ProjectorStats stats = new ProjectorStats();

  private Keyspace keyspace;
  private EventFold fold;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Set<TopicPartition> unsynced = new HashSet<>();
  // Next offset Redis holds per partition; -1 = none stored yet.
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final BatchFolder folder;
  private InFlight inFlight;
  private boolean rebalanced;
  private List<PartitionEvents> pending;
  private boolean redisDown;
  private long backoffMs;
  private long nextCheckAtMs;

  private volatile boolean running = true;
  private volatile boolean halted;

  private ProjectorLoop(
      Consumer<byte[], byte[]> consumer,
      UnifiedJedis redis,
      RejectedRecords deadLetters,
      ProjectedTopics topics,
      ProjectorSettings settings,
      AtomicBatchWriter.Mode mode,
      Keyspace buildTarget,
      Map<TopicPartition, Long> stopAt) {
    this.consumer = consumer;
    this.redis = redis;
    this.deadLetters = deadLetters;
    this.topics = topics;
    this.settings = settings;
    this.mode = mode;
    this.stopAt = Map.copyOf(stopAt);
    this.keyspace = buildTarget;
    this.writer = new AtomicBatchWriter(redis);
    this.committer = new BackgroundCommitter(writer);
    this.offsets = new OffsetStore(redis);
    this.admin = new KeyspaceAdmin(redis);
    this.backoffMs = settings.initialBackoff().toMillis();
    this.folder = new BatchFolder(redis, settings.cacheEntries());
  }

  /** The serving projector: subscribes to the topics and writes the active keyspace version. */
  public static ProjectorLoop live(
      Consumer<byte[], byte[]> consumer,
      UnifiedJedis redis,
      RejectedRecords deadLetters,
      ProjectedTopics topics,
      ProjectorSettings settings) {
    return new ProjectorLoop(
        consumer,
        redis,
        deadLetters,
        topics,
        settings,
        AtomicBatchWriter.Mode.LIVE,
        null,
        Map.of());
  }

  /**
   * A rebuild: reads every partition in {@code endOffsets} (assigned, no group) into {@code target}
   * and returns from {@link #run()} once all have reached their end offset.
   */
  public static ProjectorLoop build(
      Consumer<byte[], byte[]> consumer,
      UnifiedJedis redis,
      RejectedRecords deadLetters,
      ProjectedTopics topics,
      ProjectorSettings settings,
      Keyspace target,
      Map<TopicPartition, Long> endOffsets) {
    return new ProjectorLoop(
        consumer,
        redis,
        deadLetters,
        topics,
        settings,
        AtomicBatchWriter.Mode.BUILD,
        target,
        endOffsets);
  }

  /** True once {@link #halt()} was called. */
  public boolean isHalted() {
    return halted;
  }

  public ProjectorStats stats() {
    return stats;
  }

  /** Asks the loop to finish its current step and return. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  /**
   * Stops the loop abruptly at its next step, in the middle of a batch if there is one, without
   * committing or cleaning up anything: the in-process stand-in for {@code kill -9} in tests.
   */
  public void halt() {
    halted = true;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      start();
      while (running && !finished()) {
        step();
      }
      settleInFlight(List.of());
    } catch (WakeupException e) {
      checkHalt();
      if (running) {
        throw e;
      }
      settleInFlight(List.of()); // stopped: the batch Redis is applying still counts
    } finally {
      committer.close();
    }
  }

  private void start() {
    if (mode == AtomicBatchWriter.Mode.LIVE) {
      keyspace =
          untilRedisAnswers(
              () -> {
                admin.ensurePointer();
                return admin.active();
              });
      consumer.subscribe(topics.names(), new Listener());
      log.info("projecting into keyspace version {}", keyspace.version());
    } else {
      consumer.assign(stopAt.keySet());
      assigned.addAll(stopAt.keySet());
      unsynced.addAll(stopAt.keySet());
    }
    fold = new EventFold(keyspace, settings.rules());
    nextCheckAtMs = System.currentTimeMillis() + settings.checkInterval().toMillis();
  }

  private void step() {
    checkHalt();
    boolean checkDue =
        mode == AtomicBatchWriter.Mode.LIVE && System.currentTimeMillis() >= nextCheckAtMs;
    if (!unsynced.isEmpty() || pending != null || checkDue) {
      settleInFlight(List.of()); // positions and versions are read only with nothing in flight
    }
    if (!unsynced.isEmpty() && !syncPositions()) {
      waitForRedis();
      return;
    }
    if (pending != null) {
      if (!attempt(pending)) {
        waitForRedis();
        return;
      }
      pending = null;
      redisRecovered();
    }
    if (checkDue) {
      checkKeyspace();
    }
    // With a batch in flight, take only what the consumer has fetched already: waiting for more
    // would delay the answer that the next commit waits for.
    ConsumerRecords<byte[], byte[]> records =
        consumer.poll(inFlight == null ? settings.pollTimeout() : Duration.ZERO);
    checkHalt();
    if (rebalanced) {
      rebalanced = false;
      settleInFlight(List.of());
      folder.forget();
    }
    if (records.isEmpty()) {
      settleInFlight(List.of());
      return;
    }
    List<PartitionEvents> batch = decode(records);
    checkHalt(); // a halt here drops a decoded batch mid-way, like a crash would
    if (batch.isEmpty()) {
      return;
    }
    if (settings.pipelined()) {
      commitPipelined(batch);
    } else {
      for (PartitionEvents single : perRecord(batch)) {
        if (!commitWithRetries(List.of(single))) {
          return;
        }
      }
    }
  }

  private boolean finished() {
    if (mode != AtomicBatchWriter.Mode.BUILD
        || inFlight != null
        || pending != null
        || !unsynced.isEmpty()) {
      return false;
    }
    for (Map.Entry<TopicPartition, Long> end : stopAt.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  // --- decoding ---------------------------------------------------------------------------

  /**
   * A partition's records of one poll: decoded events, or null where a record was dead-lettered.
   */
  record PartitionEvents(
      TopicPartition partition, List<Message> events, List<Long> offsets, long next) {}

  private List<PartitionEvents> decode(ConsumerRecords<byte[], byte[]> records) {
    List<PartitionEvents> out = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      long from = next.getOrDefault(tp, -1L);
      List<Message> events = new ArrayList<>();
      List<Long> eventOffsets = new ArrayList<>();
      long last = -1;
      for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
        if (record.offset() < from) {
          stats.skipped.incrementAndGet();
          continue;
        }
        last = record.offset();
        events.add(decodeOrDeadLetter(record));
        eventOffsets.add(last);
      }
      if (last >= 0) {
        out.add(new PartitionEvents(tp, events, eventOffsets, last + 1));
      }
    }
    return out;
  }

  private Message decodeOrDeadLetter(ConsumerRecord<byte[], byte[]> record) {
    try {
      Message event =
          topics
              .deserializer(record.topic())
              .deserialize(record.topic(), record.headers(), record.value());
      if (event == null) {
        throw new IllegalArgumentException("record has no value");
      }
      return event;
    } catch (RuntimeException e) {
      // Waits for the broker: the offset moving past a record is only safe once it is in the DLQ.
      deadLetters.reject(record, e);
      stats.deadLettered.incrementAndGet();
      return null;
    }
  }

  private List<PartitionEvents> perRecord(List<PartitionEvents> batch) {
    List<PartitionEvents> out = new ArrayList<>();
    for (PartitionEvents pe : batch) {
      for (int i = 0; i < pe.events().size(); i++) {
        List<Message> one = new ArrayList<>(1);
        one.add(pe.events().get(i)); // may be null (dead-lettered): still moves the offset
        long offset = pe.offsets().get(i);
        out.add(new PartitionEvents(pe.partition(), one, List.of(offset), offset + 1));
      }
    }
    return out;
  }

  // --- committing -------------------------------------------------------------------------

  /** A batch Redis is applying on the committer's thread. */
  private record InFlight(
      Future<List<CommitOutcome>> outcomes,
      BatchFolder.Folded folded,
      List<PartitionBatch> writes) {}

  /**
   * Folds {@code batch} while the previous batch is in flight, then sends it once that answered.
   */
  private void commitPipelined(List<PartitionEvents> batch) {
    BatchFolder.Folded folded = null;
    try {
      folded = folder.fold(fold, batch);
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("cannot read stored state from Redis: {}", e.toString());
    }
    if (!settleInFlight(batch)) {
      return; // the batch was folded on top of one Redis did not apply as sent: read it again
    }
    if (folded == null) {
      commitWithRetries(batch, 1); // retries the reads too, and pauses if Redis stays away
      return;
    }
    List<PartitionBatch> writes = writes(folded);
    folder.inFlight(folded);
    inFlight = new InFlight(committer.submit(keyspace, mode, writes), folded, writes);
  }

  /**
   * Waits for the batch in flight, if any, and handles its outcome.
   *
   * @param foldedOnTop records folded on top of the batch in flight: sought back when that batch
   *     was not applied as sent
   * @return whether {@code foldedOnTop} may be sent as folded
   */
  private boolean settleInFlight(List<PartitionEvents> foldedOnTop) {
    if (inFlight == null) {
      return true;
    }
    InFlight settling = inFlight;
    inFlight = null;
    List<CommitOutcome> outcomes;
    try {
      outcomes = await(settling.outcomes());
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("Redis commit failed: {}", e.toString());
      folder.forget();
      rewind(foldedOnTop);
      // Whether Redis applied it is unknown; the offset check makes sending it again safe.
      commitWithRetries(
          settling.folded().partitions().stream().map(BatchFolder.PartitionWrites::source).toList(),
          1);
      return false;
    }
    boolean asSent = outcomes.stream().allMatch(o -> o.status() == CommitOutcome.Status.APPLIED);
    if (!asSent) {
      rewind(foldedOnTop); // before handling: a lost or moved offset seeks elsewhere
    }
    return handle(outcomes, settling.writes(), settling.folded()) && asSent;
  }

  private static List<CommitOutcome> await(Future<List<CommitOutcome>> outcomes) {
    try {
      return outcomes.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JedisException("interrupted while waiting for Redis", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Moves each partition of {@code batch} back to its first record, to read it again. */
  private void rewind(List<PartitionEvents> batch) {
    for (PartitionEvents pe : batch) {
      if (assigned.contains(pe.partition())) {
        consumer.seek(pe.partition(), pe.offsets().get(0));
      }
    }
  }

  private boolean commitWithRetries(List<PartitionEvents> batch) {
    return commitWithRetries(batch, 0);
  }

  /**
   * @param failed attempts that failed already (a commit in flight, a read of stored state): they
   *     count toward the retries, so consumption pauses as soon as it would without pipelining
   */
  private boolean commitWithRetries(List<PartitionEvents> batch, int failed) {
    int failures = failed;
    long wait = settings.initialBackoff().toMillis();
    while (true) {
      if (failures > 0) {
        checkHalt();
        if (failures >= settings.maxRetries()) {
          break;
        }
        sleep(wait);
        wait = Math.min(wait * 2, settings.maxBackoff().toMillis());
      }
      if (attempt(batch)) {
        return true;
      }
      failures++;
    }
    log.warn(
        "Redis failed {} times in a row: pausing consumption until it answers again",
        settings.maxRetries());
    pending = batch;
    redisDown = true;
    stats.paused = true;
    applyPause();
    return false;
  }

  /** Loads state, folds and commits once, on this thread; false when Redis failed (retry). */
  private boolean attempt(List<PartitionEvents> batch) {
    try {
      BatchFolder.Folded folded = folder.fold(fold, batch);
      List<PartitionBatch> writes = writes(folded);
      handle(writer.commit(keyspace, mode, writes), writes, folded);
      return true;
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("Redis commit failed: {}", e.toString());
      folder.forget(); // the script may have run: cached state may be behind Redis
      return false;
    }
  }

  /** The folded writes with the offsets each partition's script checks and stores. */
  private List<PartitionBatch> writes(BatchFolder.Folded folded) {
    List<PartitionBatch> out = new ArrayList<>(folded.partitions().size());
    for (BatchFolder.PartitionWrites pw : folded.partitions()) {
      TopicPartition tp = pw.source().partition();
      out.add(new PartitionBatch(tp, next.getOrDefault(tp, -1L), pw.source().next(), pw.ops()));
    }
    return out;
  }

  /** Applies what Redis answered; true when Redis now holds exactly the folded state. */
  private boolean handle(
      List<CommitOutcome> outcomes, List<PartitionBatch> writes, BatchFolder.Folded folded) {
    boolean allApplied = true;
    boolean stateKnown = true;
    for (int i = 0; i < outcomes.size(); i++) {
      CommitOutcome outcome = outcomes.get(i);
      TopicPartition tp = outcome.partition();
      if (!assigned.contains(tp)) {
        stateKnown = false; // revoked while in flight: whoever has it now reads Redis
        continue;
      }
      switch (outcome.status()) {
        case APPLIED -> {
          next.put(tp, writes.get(i).next());
          stats.commits.incrementAndGet();
        }
        case ALREADY_APPLIED -> {
          next.put(tp, writes.get(i).next());
          stats.commits.incrementAndGet();
          // Applied by an earlier attempt; this fold may have read state written by it.
          stateKnown = false;
        }
        case LOST -> {
          allApplied = false;
          stats.lostOffsets.incrementAndGet();
          log.warn("Redis lost the offsets of {}: replaying it from the beginning", tp);
          next.put(tp, -1L);
          consumer.seekToBeginning(List.of(tp));
        }
        case CONFLICT -> {
          allApplied = false;
          stats.conflicts.incrementAndGet();
          long stored = Long.parseLong(outcome.detail());
          log.warn("offset of {} was moved to {} by another writer: continuing there", tp, stored);
          next.put(tp, stored);
          consumer.seek(tp, stored);
        }
        case SWITCHED -> {
          switchTo(new Keyspace(Integer.parseInt(outcome.detail())));
          return false;
        }
      }
    }
    if (allApplied) {
      stats.projected.addAndGet(folded.events());
    }
    // Counted events are approximate when not all applied; correctness does not depend on them.
    if (allApplied && stateKnown) {
      folder.confirmed(folded);
      return true;
    }
    folder.forget();
    return false;
  }

  // --- positions, versions, failures ------------------------------------------------------

  private boolean syncPositions() {
    try {
      Map<TopicPartition, Long> stored = offsets.read(keyspace, unsynced);
      for (TopicPartition tp : unsynced) {
        Long offset = stored.get(tp);
        if (offset == null) {
          next.put(tp, -1L);
          consumer.seekToBeginning(List.of(tp));
        } else {
          next.put(tp, offset);
          consumer.seek(tp, offset);
        }
      }
      log.debug("positions of {} read from keyspace version {}", unsynced, keyspace.version());
      unsynced.clear();
      redisRecovered();
      return true;
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("cannot read offsets from Redis: {}", e.toString());
      redisDown = true;
      stats.paused = true;
      applyPause();
      return false;
    }
  }

  /** Periodic: notices a switched version or offsets that vanished (flush) without traffic. */
  private void checkKeyspace() {
    nextCheckAtMs = System.currentTimeMillis() + settings.checkInterval().toMillis();
    try {
      int active = ActiveVersion.read(redis);
      if (active != keyspace.version()) {
        switchTo(new Keyspace(active));
        return;
      }
      List<TopicPartition> known =
          next.entrySet().stream().filter(e -> e.getValue() >= 0).map(Map.Entry::getKey).toList();
      Map<TopicPartition, Long> stored = offsets.read(keyspace, known);
      for (TopicPartition tp : known) {
        if (!stored.containsKey(tp)) {
          stats.lostOffsets.incrementAndGet();
          log.warn("Redis lost the offsets of {}: replaying it from the beginning", tp);
          next.put(tp, -1L);
          consumer.seekToBeginning(List.of(tp));
          folder.forget();
        }
      }
    } catch (JedisException e) {
      log.debug("keyspace check failed, the next commit will tell: {}", e.toString());
    }
  }

  private void switchTo(Keyspace target) {
    log.info("keyspace version {} is active now (was {})", target.version(), keyspace.version());
    stats.switches.incrementAndGet();
    keyspace = target;
    fold = new EventFold(target, settings.rules());
    next.clear();
    folder.forget();
    pending = null;
    unsynced.addAll(assigned);
    applyPause();
  }

  private void waitForRedis() {
    // Polling paused partitions returns nothing but keeps the group membership alive.
    ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ofMillis(backoffMs));
    if (rebalanced) {
      rebalanced = false; // nothing is in flight while waiting
      folder.forget();
    }
    for (TopicPartition tp : none.partitions()) {
      // Not expected (all paused), but never skip: read these again once Redis is back.
      consumer.seek(tp, none.records(tp).get(0).offset());
    }
    backoffMs = Math.min(backoffMs * 2, settings.maxBackoff().toMillis());
  }

  private void redisRecovered() {
    if (redisDown) {
      log.info("Redis answers again: resuming consumption");
    }
    redisDown = false;
    stats.paused = false;
    backoffMs = settings.initialBackoff().toMillis();
    applyPause();
  }

  private void applyPause() {
    Set<TopicPartition> toPause = redisDown ? new HashSet<>(assigned) : new HashSet<>(unsynced);
    toPause.retainAll(assigned);
    Set<TopicPartition> toResume = new HashSet<>(assigned);
    toResume.removeAll(toPause);
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
  }

  private void checkHalt() {
    if (halted) {
      throw new ProjectorHalted();
    }
  }

  private <T> T untilRedisAnswers(java.util.function.Supplier<T> call) {
    long wait = settings.initialBackoff().toMillis();
    while (true) {
      checkHalt();
      try {
        return call.get();
      } catch (JedisException e) {
        log.warn("Redis not reachable yet: {}", e.toString());
        sleep(wait);
        wait = Math.min(wait * 2, settings.maxBackoff().toMillis());
      }
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private final class Listener implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      rebalanced = true;
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      rebalanced = true;
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      rebalanced = true;
      assigned.addAll(partitions);
      unsynced.addAll(partitions);
      applyPause();
    }

    private void forget(Collection<TopicPartition> partitions) {
      assigned.removeAll(partitions);
      unsynced.removeAll(partitions);
      // The stored-state cache is dropped after the poll, once nothing is in flight.
      partitions.forEach(next::remove);
      if (pending != null) {
        pending = pending.stream().filter(pe -> !partitions.contains(pe.partition())).toList();
        if (pending.isEmpty()) {
          pending = null;
        }
      }
    }
  }
}
