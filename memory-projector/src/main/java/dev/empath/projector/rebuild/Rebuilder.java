package dev.empath.projector.rebuild;

import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.decode.RejectedRecords;
import dev.empath.projector.loop.ProjectorLoop;
import dev.empath.projector.store.KeyspaceAdmin;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.keys.VersionMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Rebuilds every read model from the topics into a new keyspace version while the active one keeps
 * serving, then switches readers over atomically and deletes the old version; or keeps the new
 * version beside the active one as a side version, optionally only up to a time.
 *
 * <p>Switching: pick the next free version and clear any leftovers of it; replay every partition
 * from the beginning to its end offset (twice: the second pass catches up with what arrived during
 * the first); compare-and-set the active-version pointer; wait a grace period so readers caching
 * the old version move on; delete the old version. A live projector notices the switch (its commit
 * script refuses to write a version that is no longer active) and continues in the new version from
 * the offsets the rebuild stored.
 */
public final class Rebuilder {

  private static final Logger log = LoggerFactory.getLogger(Rebuilder.class);

  /** What a rebuild did. */
  public record Result(Keyspace from, Keyspace to, long events, long deletedKeys) {}

  /** A side version: built, not switched to. */
  public record Side(Keyspace version, long events, OptionalLong untilMs) {}

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
    return rebuild(keyspace -> {}, RebuildProgress.none());
  }

  public Result rebuild(java.util.function.Consumer<Keyspace> beforeSwitch) {
    return rebuild(beforeSwitch, RebuildProgress.none());
  }

  /**
   * @param beforeSwitch called with the finished new version while the old one still serves
   */
  public Result rebuild(
      java.util.function.Consumer<Keyspace> beforeSwitch, RebuildProgress progress) {
    Keyspace from = admin.active();
    Keyspace to = new Keyspace(nextVersion(from));
    long events = build(to, 2, StopPlan.endOffsets(), progress);
    beforeSwitch.accept(to);
    if (!admin.switchActive(from, to)) {
      throw new IllegalStateException(
          "active version moved away from "
              + from.version()
              + " during the rebuild; not switching");
    }
    redis.hset(to.meta(), VersionMeta.STATE, VersionMeta.ACTIVE);
    log.info("readers switched from version {} to {}", from.version(), to.version());
    sleep(grace);
    long deleted = admin.delete(from);
    return new Result(from, to, events, deleted);
  }

  /**
   * Builds the next free version in one pass up to {@code stops} and leaves it beside the active
   * one, in state {@code side}: readers reach it only by naming it.
   *
   * @param untilMs the time {@code stops} were planned for, recorded with the version
   */
  public Side buildSide(StopPlan stops, OptionalLong untilMs, RebuildProgress progress) {
    Keyspace to = new Keyspace(nextVersion(admin.active()));
    long events = build(to, 1, stops, progress);
    Map<String, String> meta = new HashMap<>();
    meta.put(VersionMeta.STATE, VersionMeta.SIDE);
    untilMs.ifPresent(t -> meta.put(VersionMeta.UNTIL_MS, Long.toString(t)));
    redis.hset(to.meta(), meta);
    return new Side(to, events, untilMs);
  }

  /** Builds version {@code from + 1} to the current end of the topics, without switching. */
  public Keyspace build(Keyspace from) {
    Keyspace to = new Keyspace(from.version() + 1);
    build(to, 2, StopPlan.endOffsets(), RebuildProgress.none());
    return to;
  }

  /**
   * One above the active version and every version that holds a finished rebuild, so neither is
   * ever overwritten; a version left half-built by an earlier rebuild is reused.
   */
  private int nextVersion(Keyspace active) {
    int highest = active.version();
    for (VersionMeta v : VersionMeta.all(redis)) {
      if (!v.isBuilding()) {
        highest = Math.max(highest, v.version());
      }
    }
    return highest + 1;
  }

  private long build(Keyspace to, int passes, StopPlan plan, RebuildProgress progress) {
    long leftovers = admin.delete(to);
    if (leftovers > 0) {
      log.warn("removed {} keys left by an earlier rebuild of version {}", leftovers, to.version());
    }
    redis.hset(
        to.meta(),
        Map.of(
            VersionMeta.STATE,
            VersionMeta.BUILDING,
            VersionMeta.CREATED_AT_MS,
            Long.toString(System.currentTimeMillis())));
    long events = 0;
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      List<TopicPartition> partitions = partitions(consumer);
      Map<TopicPartition, Long> from = consumer.beginningOffsets(partitions);
      for (int pass = 1; pass <= passes; pass++) {
        Map<TopicPartition, Long> stops = plan.stops(consumer, partitions);
        progress.planned(records(from, stops));
        ProjectorLoop loop =
            ProjectorLoop.rebuild(
                consumer,
                redis,
                RejectedRecords.alreadyDeadLettered(),
                topics,
                settings,
                to,
                stops,
                progress::read);
        loop.run();
        events += loop.stats().projected();
        log.info(
            "rebuild pass {} of version {}: {} events",
            pass,
            to.version(),
            loop.stats().projected());
        from = stops;
      }
    }
    redis.hset(to.meta(), VersionMeta.EVENTS, Long.toString(events));
    return events;
  }

  private static long records(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    long n = 0;
    for (Map.Entry<TopicPartition, Long> stop : to.entrySet()) {
      n += Math.max(0, stop.getValue() - from.getOrDefault(stop.getKey(), 0L));
    }
    return n;
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
