package dev.empath.projector.loop;

import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.PartitionEvents;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.decode.RecordDecoder;
import dev.empath.projector.decode.RejectedRecords;
import dev.empath.projector.store.AtomicBatchWriter.Mode;
import dev.empath.projector.store.OffsetStore;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The projector's consume-fold-commit loop. Positions live in Redis, next to the data, and never in
 * Kafka: on assignment each partition is sought to the offset Redis holds ({@link
 * PartitionPositions}), every batch is committed together with its next offset in one script call
 * ({@link CommitPipeline}), and whatever Redis holds is therefore exactly what was applied. While
 * Redis fails, consumption pauses and nothing is skipped ({@link RedisOutage}).
 *
 * <p>One thread runs {@link #run()}; {@link #stop()} and {@link #halt()} may be called from others.
 * The loop does not own the consumer or the Redis client: whoever created them closes them.
 */
public final class ProjectorLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProjectorLoop.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Set<String> topics;
  private final Duration pollTimeout;
  private final StopOffsets stopAt;
  private final LongConsumer onRead;
  private final LoopControl control;
  private final RecordDecoder decoder;
  private final ProjectorStats stats;
  private final PartitionPositions positions;
  private final RedisOutage outage;
  private final BatchFolder folder;
  private final TargetKeyspace target;
  private final CommitPipeline commits;
  private final Rebalances rebalances;
  private final GroupWatermarks watermarks = new GroupWatermarks();

  private ProjectorLoop(
      Consumer<byte[], byte[]> consumer,
      UnifiedJedis redis,
      RejectedRecords deadLetters,
      ProjectedTopics topics,
      ProjectorSettings settings,
      Mode mode,
      Keyspace rebuildTarget,
      Map<TopicPartition, Long> stopAt,
      LongConsumer onRead) {
    this.consumer = consumer;
    this.topics = topics.names();
    this.pollTimeout = settings.pollTimeout();
    this.stopAt = new StopOffsets(stopAt);
    this.onRead = onRead;
    this.control = new LoopControl(consumer);
    this.decoder = new RecordDecoder(topics, deadLetters);
    this.stats = new ProjectorStats(decoder);
    this.positions = new PartitionPositions(consumer, new OffsetStore(redis), stats);
    this.outage = new RedisOutage(consumer, positions, settings, stats, control);
    this.folder = new BatchFolder(redis, settings.cacheEntries(), watermarks);
    this.target =
        new TargetKeyspace(redis, mode, rebuildTarget, settings, stats, positions, folder, outage);
    this.commits =
        new CommitPipeline(
            redis,
            folder,
            target,
            positions,
            outage,
            stats,
            new GroupOffsets(consumer, mode == Mode.LIVE),
            watermarks,
            settings.replicaWait());
    this.rebalances = new Rebalances(positions, outage);
  }

  /** The serving projector: subscribes to the topics and writes the active keyspace version. */
  public static ProjectorLoop live(
      Consumer<byte[], byte[]> consumer,
      UnifiedJedis redis,
      RejectedRecords deadLetters,
      ProjectedTopics topics,
      ProjectorSettings settings) {
    return new ProjectorLoop(
        consumer, redis, deadLetters, topics, settings, Mode.LIVE, null, Map.of(), n -> {});
  }

  /**
   * A rebuild: reads every partition in {@code endOffsets} (assigned, no group) into {@code target}
   * and returns from {@link #run()} once all have reached their end offset; records at or past it
   * are not projected.
   *
   * @param onRead told the number of records of each poll that will be projected (progress)
   */
  public static ProjectorLoop rebuild(
      Consumer<byte[], byte[]> consumer,
      UnifiedJedis redis,
      RejectedRecords deadLetters,
      ProjectedTopics topics,
      ProjectorSettings settings,
      Keyspace target,
      Map<TopicPartition, Long> endOffsets,
      LongConsumer onRead) {
    return new ProjectorLoop(
        consumer, redis, deadLetters, topics, settings, Mode.REBUILD, target, endOffsets, onRead);
  }

  /** True once {@link #halt()} was called. */
  public boolean isHalted() {
    return control.halted();
  }

  public ProjectorStats stats() {
    return stats;
  }

  /** Asks the loop to finish its current step and return. */
  public void stop() {
    control.stop();
  }

  /**
   * Stops the loop abruptly at its next step, in the middle of a batch if there is one, without
   * committing or cleaning up anything: the in-process stand-in for {@code kill -9} in tests.
   */
  public void halt() {
    control.halt();
  }

  @Override
  public void run() {
    try {
      start();
      while (control.running() && !finished()) {
        step();
      }
      commits.settle(List.of());
    } catch (WakeupException e) {
      control.checkHalt();
      if (control.running()) {
        throw e;
      }
      commits.settle(List.of()); // stopped: the batch Redis is applying still counts
    } finally {
      commits.close();
    }
  }

  private void start() {
    target.begin();
    if (target.mode() == Mode.LIVE) {
      consumer.subscribe(topics, rebalances);
    } else {
      consumer.assign(stopAt.asMap().keySet());
      positions.assigned(stopAt.asMap().keySet());
    }
  }

  private void step() {
    control.checkHalt();
    boolean checkDue = target.checkDue();
    if (!positions.synced() || outage.holdsBatch() || checkDue) {
      commits.settle(List.of()); // positions and versions are read only with nothing in flight
    }
    if (!positions.synced() && !syncPositions()) {
      waitForRedis();
      return;
    }
    if (outage.holdsBatch()) {
      if (!commits.attempt(outage.heldBatch())) {
        waitForRedis();
        return;
      }
      outage.release();
    }
    if (checkDue) {
      target.check();
    }
    // With a batch in flight, take only what the consumer has fetched already: waiting for more
    // would delay the answer that the next commit waits for.
    ConsumerRecords<byte[], byte[]> records =
        consumer.poll(commits.hasInFlight() ? Duration.ZERO : pollTimeout);
    control.checkHalt();
    afterRebalance();
    if (target.mode() == Mode.REBUILD) {
      records = stopAt.within(records, consumer);
      onRead.accept(records.count());
    }
    if (records.isEmpty()) {
      commits.settle(List.of());
      return;
    }
    List<PartitionEvents> batch = decoder.decode(records, positions::next);
    control.checkHalt(); // a halt here drops a decoded batch mid-way, like a crash would
    if (!batch.isEmpty()) {
      commits.commit(batch);
    }
  }

  private boolean finished() {
    return target.mode() == Mode.REBUILD
        && !commits.hasInFlight()
        && !outage.holdsBatch()
        && positions.synced()
        && positions.reached(stopAt.asMap());
  }

  private boolean syncPositions() {
    try {
      positions.sync(target.keyspace());
      outage.ended();
      return true;
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("cannot read offsets from Redis: {}", e.toString());
      outage.began();
      return false;
    }
  }

  private void waitForRedis() {
    outage.waitForRedis();
    afterRebalance(); // nothing is in flight while waiting
  }

  /** What Redis holds for partitions that moved is unknown: read it again. */
  private void afterRebalance() {
    if (rebalances.happenedSinceAsked()) {
      commits.settle(List.of());
      folder.forget();
      watermarks.forgetAll();
    }
  }
}
