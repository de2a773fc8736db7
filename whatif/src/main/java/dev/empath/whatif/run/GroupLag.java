package dev.empath.whatif.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** How far a consumer group (a Streams application id) is behind on some topics. */
public final class GroupLag {

  /** Committed and end offsets summed over the topics' partitions. */
  public record Snapshot(long committed, long end, boolean caughtUp) {}

  private final Admin admin;
  private final String group;
  private final List<TopicPartition> partitions;

  public GroupLag(Admin admin, String group, Set<String> topics) {
    this.admin = admin;
    this.group = group;
    this.partitions =
        ShadowTopics.get(admin.describeTopics(topics).allTopicNames(), "describe " + topics)
            .values()
            .stream()
            .flatMap(
                d ->
                    d.partitions().stream()
                        .map(TopicPartitionInfo::partition)
                        .map(p -> new TopicPartition(d.name(), p)))
            .toList();
  }

  /**
   * Committed offsets are read before end offsets: a group that is at the end then has also written
   * everything its commits covered (exactly-once commits output and offsets together), so an input
   * it feeds itself (a repartition topic) cannot be caught up only in appearance.
   */
  public Snapshot snapshot() {
    Map<TopicPartition, OffsetAndMetadata> committed =
        ShadowTopics.get(
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
            "read the offsets of " + group);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    var ends =
        ShadowTopics.get(
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
            "read end offsets");
    long done = 0;
    long total = 0;
    boolean caughtUp = true;
    for (TopicPartition tp : partitions) {
      long end = ends.get(tp).offset();
      OffsetAndMetadata at = committed.get(tp);
      long position = at == null ? 0 : at.offset();
      done += Math.min(position, end);
      total += end;
      caughtUp &= position >= end;
    }
    return new Snapshot(done, total, caughtUp);
  }
}
