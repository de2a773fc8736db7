package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisClusterExtension;
import dev.empath.projector.config.ProjectorSettings.ReplicaWait;
import dev.empath.projector.store.AtomicBatchWriter.Mode;
import dev.empath.projector.store.CommitOutcome;
import dev.empath.projector.store.CommitOutcome.Status;
import dev.empath.projector.store.PartitionBatch;
import dev.empath.projector.store.SlotBatchWriter;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClusterClient;

/**
 * The Redis Cluster commit, step by step: each group's watermark lets a batch be sent again after a
 * crash between its two steps without applying anything twice, and tells which groups are ahead
 * when a replay's batch boundaries differ.
 */
class SlotBatchWriterIT {

  @RegisterExtension static final RedisClusterExtension redis = new RedisClusterExtension(3, 0);

  static final TopicPartition TP = new TopicPartition("t", 0);
  static final String FIELD = Keyspace.offsetField("t", 0);
  static final String GAME = "g";

  @Test
  void aBatchSentAgainOrReplayedWithOtherBoundariesIsAppliedOncePerGroup() {
    RedisClusterClient client = redis.client();
    Keyspace keys = new Keyspace(7);
    SlotBatchWriter writer = new SlotBatchWriter(client, new ReplicaWait(0, Duration.ofSeconds(1)));

    assertThat(statuses(writer.commit(keys, Mode.REBUILD, List.of(batch(keys, -1, 0, 10, 0)))))
        .containsExactly(Status.APPLIED);
    assertThat(statuses(writer.commit(keys, Mode.REBUILD, List.of(batch(keys, 10, 10, 20, 10)))))
        .containsExactly(Status.APPLIED);
    assertThat(client.hget(keys.usage(GAME), "events")).isEqualTo("20");

    // A crash after the groups committed and before the resume offset moved: sent again.
    client.hset(keys.offsets(), FIELD, "10");
    assertThat(statuses(writer.commit(keys, Mode.REBUILD, List.of(batch(keys, 10, 10, 20, 10)))))
        .containsExactly(Status.ALREADY_APPLIED);
    assertThat(client.hget(keys.usage(GAME), "events")).isEqualTo("20");
    assertThat(client.hget(keys.offsets(), FIELD)).isEqualTo("20");

    // The same crash, but the replay reads a larger batch: every group is ahead, nothing written.
    client.hset(keys.offsets(), FIELD, "10");
    List<CommitOutcome> replay =
        writer.commit(keys, Mode.REBUILD, List.of(batch(keys, 10, 10, 30, 10)));
    assertThat(statuses(replay)).containsExactly(Status.RETRY);
    Map<String, Long> ahead = replay.get(0).watermarks();
    assertThat(ahead).hasSize(11).containsValue(20L).doesNotContainValue(30L);
    assertThat(client.hget(keys.usage(GAME), "events")).isEqualTo("20");

    // Folded again without what each group has: applied, every record once.
    PartitionBatch again =
        new PartitionBatch(TP, 10, 10, 30, ops(keys, 20, 30), replay.get(0).watermarks());
    assertThat(statuses(writer.commit(keys, Mode.REBUILD, List.of(again))))
        .containsExactly(Status.APPLIED);
    assertThat(client.hget(keys.usage(GAME), "events")).isEqualTo("30");
    assertThat(client.get(keys.sessionEmotion(GAME, "s5"))).isEqualTo("v25");
    assertThat(client.hget(keys.offsets(), FIELD)).isEqualTo("30");
  }

  @Test
  void aMovedOffsetIsAConflictAndALostOneIsLostAndASwitchIsSeen() {
    RedisClusterClient client = redis.client();
    Keyspace keys = new Keyspace(8);
    SlotBatchWriter writer = new SlotBatchWriter(client, new ReplicaWait(0, Duration.ofSeconds(1)));
    writer.commit(keys, Mode.REBUILD, List.of(batch(keys, -1, 0, 10, 0)));

    client.hset(keys.offsets(), FIELD, "15");
    List<CommitOutcome> moved =
        writer.commit(keys, Mode.REBUILD, List.of(batch(keys, 10, 10, 20, 10)));
    assertThat(statuses(moved)).containsExactly(Status.CONFLICT);
    assertThat(moved.get(0).detail()).isEqualTo("15");

    client.del(keys.offsets());
    assertThat(statuses(writer.commit(keys, Mode.REBUILD, List.of(batch(keys, 20, 20, 30, 20)))))
        .containsExactly(Status.LOST);

    client.set(Keyspace.ACTIVE_VERSION_KEY, "9");
    try {
      List<CommitOutcome> live =
          writer.commit(keys, Mode.LIVE, List.of(batch(keys, 30, 30, 40, 30)));
      assertThat(statuses(live)).containsExactly(Status.SWITCHED);
      assertThat(live.get(0).detail()).isEqualTo("9");
    } finally {
      client.del(Keyspace.ACTIVE_VERSION_KEY);
    }
  }

  /** Records [first, next) of one partition, each writing one of ten sessions and the game. */
  private static PartitionBatch batch(
      Keyspace keys, long expected, long first, long next, long from) {
    return new PartitionBatch(TP, expected, first, next, ops(keys, from, next), Map.of());
  }

  private static List<WriteOp> ops(Keyspace keys, long from, long next) {
    List<WriteOp> ops = new ArrayList<>();
    for (long o = from; o < next; o++) {
      ops.add(new WriteOp.Put(keys.sessionEmotion(GAME, "s" + (o % 10)), "v" + o));
      ops.add(new WriteOp.Increment(keys.usage(GAME), "events", 1));
    }
    return ops;
  }

  private static List<Status> statuses(List<CommitOutcome> outcomes) {
    return outcomes.stream().map(CommitOutcome::status).toList();
  }
}
