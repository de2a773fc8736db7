package dev.empath.projector.consumer;

import com.google.protobuf.Message;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.fold.WorkingSet;
import dev.empath.projector.store.AtomicBatchWriter;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The projector's consume-fold-commit loop. Positions live in Redis, next to the data, and never in
 * Kafka: on assignment each partition is sought to the offset Redis holds, every batch is committed
 * together with its next offset in one script call, and whatever Redis holds is therefore exactly
 * what was applied.
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
  private final OffsetStore offsets;
  private final KeyspaceAdmin admin;
  private final ProjectorStats stats = new ProjectorStats();

  private Keyspace keyspace;
  private EventFold fold;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Set<TopicPartition> unsynced = new HashSet<>();
  // Next offset Redis holds per partition; -1 = none stored yet.
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final Map<String, Optional<Object>> cache;
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
    this.offsets = new OffsetStore(redis);
    this.admin = new KeyspaceAdmin(redis);
    this.backoffMs = settings.initialBackoff().toMillis();
    int capacity = settings.cacheEntries();
    this.cache =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Optional<Object>> eldest) {
            return size() > capacity;
          }
        };
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
    } catch (WakeupException e) {
      checkHalt();
      if (running) {
        throw e;
      }
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
    if (mode == AtomicBatchWriter.Mode.LIVE && System.currentTimeMillis() >= nextCheckAtMs) {
      checkKeyspace();
    }
    ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
    checkHalt();
    if (records.isEmpty()) {
      return;
    }
    List<PartitionEvents> batch = decode(records);
    checkHalt(); // a halt here drops a decoded batch mid-way, like a crash would
    if (batch.isEmpty()) {
      return;
    }
    if (settings.pipelined()) {
      commitWithRetries(batch);
    } else {
      for (PartitionEvents single : perRecord(batch)) {
        if (!commitWithRetries(List.of(single))) {
          return;
        }
      }
    }
  }

  private boolean finished() {
    if (mode != AtomicBatchWriter.Mode.BUILD || pending != null || !unsynced.isEmpty()) {
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

  private boolean commitWithRetries(List<PartitionEvents> batch) {
    long wait = settings.initialBackoff().toMillis();
    for (int attemptNo = 1; attemptNo <= settings.maxRetries(); attemptNo++) {
      if (attempt(batch)) {
        return true;
      }
      checkHalt();
      if (attemptNo < settings.maxRetries()) {
        sleep(wait);
        wait = Math.min(wait * 2, settings.maxBackoff().toMillis());
      }
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

  /** Loads state, folds and commits once; false when Redis failed (nothing is lost: retry). */
  private boolean attempt(List<PartitionEvents> batch) {
    try {
      WorkingSet state = load(batch);
      List<PartitionBatch> writes = new ArrayList<>(batch.size());
      int events = 0;
      for (PartitionEvents pe : batch) {
        List<dev.empath.readmodel.write.WriteOp> ops = new ArrayList<>(pe.events().size() * 3);
        for (Message event : pe.events()) {
          if (event != null) {
            ops.addAll(fold.apply(event, state));
            events++;
          }
        }
        writes.add(
            new PartitionBatch(
                pe.partition(), next.getOrDefault(pe.partition(), -1L), pe.next(), ops));
      }
      List<CommitOutcome> outcomes = writer.commit(keyspace, mode, writes);
      handle(outcomes, writes, state, events);
      return true;
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("Redis commit failed: {}", e.toString());
      return false;
    }
  }

  private WorkingSet load(List<PartitionEvents> batch) {
    WorkingSet state = new WorkingSet();
    Set<String> missing = new LinkedHashSet<>();
    for (PartitionEvents pe : batch) {
      for (Message event : pe.events()) {
        if (event == null) {
          continue;
        }
        for (String key : fold.keysToRead(event)) {
          Optional<Object> cached = cache.get(key);
          if (cached != null) {
            state.load(key, cached);
          } else {
            missing.add(key);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> keys = List.copyOf(missing);
      List<Response<String>> values = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = redis.pipelined()) {
        for (String key : keys) {
          values.add(pipeline.get(key));
        }
        pipeline.sync();
      }
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        state.load(
            key, Optional.ofNullable(values.get(i).get()).map(json -> fold.decode(key, json)));
      }
    }
    return state;
  }

  private void handle(
      List<CommitOutcome> outcomes, List<PartitionBatch> writes, WorkingSet state, int events) {
    boolean allApplied = true;
    for (int i = 0; i < outcomes.size(); i++) {
      CommitOutcome outcome = outcomes.get(i);
      TopicPartition tp = outcome.partition();
      switch (outcome.status()) {
        case APPLIED, ALREADY_APPLIED -> {
          next.put(tp, writes.get(i).next());
          stats.commits.incrementAndGet();
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
          return;
        }
      }
    }
    if (allApplied) {
      state.copyTo(cache);
      stats.projected.addAndGet(events);
    } else {
      // Counted events are approximate here; correctness does not depend on them.
      cache.clear();
    }
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
          cache.clear();
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
    cache.clear();
    pending = null;
    unsynced.addAll(assigned);
    applyPause();
  }

  private void waitForRedis() {
    // Polling paused partitions returns nothing but keeps the group membership alive.
    ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ofMillis(backoffMs));
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
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned.addAll(partitions);
      unsynced.addAll(partitions);
      applyPause();
    }

    private void forget(Collection<TopicPartition> partitions) {
      assigned.removeAll(partitions);
      unsynced.removeAll(partitions);
      partitions.forEach(next::remove);
      cache.clear();
      if (pending != null) {
        pending = pending.stream().filter(pe -> !partitions.contains(pe.partition())).toList();
        if (pending.isEmpty()) {
          pending = null;
        }
      }
    }
  }
}
