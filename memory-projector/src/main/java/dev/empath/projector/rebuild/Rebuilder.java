package dev.empath.projector.rebuild;

import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.decode.RejectedRecords;
import dev.empath.projector.loop.ProjectorLoop;
import dev.empath.projector.store.KeyspaceAdmin;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Rebuilds every read model from the topics into a new keyspace version while the active one keeps
 * serving, then switches readers over atomically and deletes the old version.
 *
 * <p>Steps: pick version active+1 and clear any leftovers of it; replay every partition from the
 * beginning to its end offset (twice: the second pass catches up with what arrived during the
 * first); compare-and-set the active-version pointer; wait a grace period so readers caching the
 * old version move on; delete the old version. A live projector notices the switch (its commit
 * script refuses to write a version that is no longer active) and continues in the new version from
 * the offsets the rebuild stored.
 */
public final class Rebuilder {

  private static final Logger log = LoggerFactory.getLogger(Rebuilder.class);

  /** What a rebuild did. */
  public record Result(Keyspace from, Keyspace to, long events, long deletedKeys) {}

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final UnifiedJedis redis;
  private final ProjectedTopics topics;
  private final ProjectorSettings settings;
  private final Duration grace;
  private final KeyspaceAdmin admin;

  /**
   * @param consumers consumers without a group (the rebuild assigns partitions itself)
   * @param grace wait between switching and deleting the old version; longer than readers cache the
   *     active version
   */
  public Rebuilder(
      Supplier<Consumer<byte[], byte[]>> consumers,
      UnifiedJedis redis,
      ProjectedTopics topics,
      ProjectorSettings settings,
      Duration grace) {
    this.consumers = consumers;
    this.redis = redis;
    this.topics = topics;
    this.settings = settings;
    this.grace = grace;
    this.admin = new KeyspaceAdmin(redis);
  }

  public Result rebuild() {
    return rebuild(keyspace -> {});
  }

  /**
   * @param beforeSwitch called with the finished new version while the old one still serves
   */
  public Result rebuild(java.util.function.Consumer<Keyspace> beforeSwitch) {
    Keyspace from = admin.active();
    Built built = buildNext(from);
    Keyspace to = built.keyspace();
    beforeSwitch.accept(to);
    if (!admin.switchActive(from, to)) {
      throw new IllegalStateException(
          "active version moved away from "
              + from.version()
              + " during the rebuild; not switching");
    }
    redis.hset(to.meta(), "state", "active");
    log.info("readers switched from version {} to {}", from.version(), to.version());
    sleep(grace);
    long deleted = admin.delete(from);
    return new Result(from, to, built.events(), deleted);
  }

  /** Builds version {@code from + 1} to the current end of the topics, without switching. */
  public Keyspace build(Keyspace from) {
    return buildNext(from).keyspace();
  }

  private record Built(Keyspace keyspace, long events) {}

  private Built buildNext(Keyspace from) {
    Keyspace to = new Keyspace(from.version() + 1);
    long leftovers = admin.delete(to);
    if (leftovers > 0) {
      log.warn("removed {} keys left by an earlier rebuild of version {}", leftovers, to.version());
    }
    redis.hset(
        to.meta(),
        Map.of("state", "building", "created_at_ms", Long.toString(System.currentTimeMillis())));
    long events = 0;
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      for (int pass = 1; pass <= 2; pass++) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions(consumer));
        ProjectorLoop loop =
            ProjectorLoop.rebuild(
                consumer, redis, RejectedRecords.alreadyDeadLettered(), topics, settings, to, ends);
        loop.run();
        events += loop.stats().projected();
        log.info(
            "rebuild pass {} of version {}: {} events",
            pass,
            to.version(),
            loop.stats().projected());
      }
    }
    return new Built(to, events);
  }

  private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : topics.names()) {
      for (PartitionInfo p : consumer.partitionsFor(topic)) {
        out.add(new TopicPartition(topic, p.partition()));
      }
    }
    return out;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the switch-over grace period", e);
    }
  }
}
