package dev.empath.projector.loop;

import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.PartitionEvents;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What the loop does while Redis fails: retries with doubling waits, then pauses every partition
 * and holds the batch it could not commit until Redis answers again. Nothing is skipped, and the
 * consumer keeps polling (paused) so it stays in its group.
 *
 * <p>It also decides which partitions are paused at all: every one while Redis is down, else those
 * whose position has not been read yet.
 */
final class RedisOutage {

  private static final Logger log = LoggerFactory.getLogger(RedisOutage.class);

  private final Consumer<byte[], byte[]> consumer;
  private final PartitionPositions positions;
  private final ProjectorSettings settings;
  private final ProjectorStats stats;
  private final LoopControl control;

  private boolean down;
  private long backoffMs;
  private List<PartitionEvents> held;

  RedisOutage(
      Consumer<byte[], byte[]> consumer,
      PartitionPositions positions,
      ProjectorSettings settings,
      ProjectorStats stats,
      LoopControl control) {
    this.consumer = consumer;
    this.positions = positions;
    this.settings = settings;
    this.stats = stats;
    this.control = control;
    this.backoffMs = settings.initialBackoff().toMillis();
  }

  /** Calls {@code call} until Redis answers it: the loop has nothing else to do before. */
  <T> T untilAnswers(Supplier<T> call) {
    long wait = settings.initialBackoff().toMillis();
    while (true) {
      control.checkHalt();
      try {
        return call.get();
      } catch (JedisException e) {
        log.warn("Redis not reachable yet: {}", e.toString());
        control.sleep(wait);
        wait = Math.min(wait * 2, settings.maxBackoff().toMillis());
      }
    }
  }

  /**
   * Attempts again, with doubling waits, after one attempt has failed already.
   *
   * @return false once {@code maxRetries} attempts in all have failed
   */
  boolean retry(BooleanSupplier attempt) {
    long wait = settings.initialBackoff().toMillis();
    for (int failures = 1; ; failures++) {
      control.checkHalt();
      if (failures >= settings.maxRetries()) {
        return false;
      }
      control.sleep(wait);
      wait = Math.min(wait * 2, settings.maxBackoff().toMillis());
      if (attempt.getAsBoolean()) {
        return true;
      }
    }
  }

  /** Retries ran out: keeps {@code batch} for when Redis is back and pauses consumption. */
  void hold(List<PartitionEvents> batch) {
    log.warn(
        "Redis failed {} times in a row: pausing consumption until it answers again",
        settings.maxRetries());
    held = batch;
    began();
  }

  boolean holdsBatch() {
    return held != null;
  }

  List<PartitionEvents> heldBatch() {
    return held;
  }

  /** The held batch was committed. */
  void release() {
    held = null;
    ended();
  }

  /** The held batch no longer applies (another keyspace version): its records are read again. */
  void dropHeldBatch() {
    held = null;
  }

  /** Partitions revoked: whoever owns them now commits their records. */
  void revoked(Collection<TopicPartition> partitions) {
    if (held != null) {
      held = held.stream().filter(pe -> !partitions.contains(pe.partition())).toList();
      if (held.isEmpty()) {
        held = null;
      }
    }
  }

  void began() {
    down = true;
    stats.paused = true;
    applyPauses();
  }

  void ended() {
    if (down) {
      log.info("Redis answers again: resuming consumption");
    }
    down = false;
    stats.paused = false;
    backoffMs = settings.initialBackoff().toMillis();
    applyPauses();
  }

  /** One wait before the next try; the wait doubles up to the maximum backoff. */
  void waitForRedis() {
    // Polling paused partitions returns nothing but keeps the group membership alive.
    ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ofMillis(backoffMs));
    for (TopicPartition tp : none.partitions()) {
      // Not expected (all paused), but never skip: read these again once Redis is back.
      consumer.seek(tp, none.records(tp).get(0).offset());
    }
    backoffMs = Math.min(backoffMs * 2, settings.maxBackoff().toMillis());
  }

  /** Pauses every owned partition while Redis is down, else the unsynced ones; resumes the rest. */
  void applyPauses() {
    Set<TopicPartition> toPause =
        down ? new HashSet<>(positions.assigned()) : new HashSet<>(positions.unsynced());
    toPause.retainAll(positions.assigned());
    Set<TopicPartition> toResume = new HashSet<>(positions.assigned());
    toResume.removeAll(toPause);
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
  }
}
