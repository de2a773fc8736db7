package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.projector.store.AtomicBatchWriter;
import dev.empath.projector.store.CommitOutcome;
import dev.empath.projector.store.PartitionBatch;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** The commit script against a real Redis, for what the other tests never reach. */
class CommitScriptIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void aCappedSetLargerThanOneZaddChunkKeepsTheNewestMembers() {
    RedisClient client = redis.client();
    Keyspace keys = new Keyspace(7);
    String zset = keys.prefix() + "big";
    List<WriteOp> ops = new ArrayList<>();
    for (int i = 0; i < 1_300; i++) {
      ops.add(new WriteOp.AddCapped(zset, 1_000 + i, "m" + i, 1_200));
    }
    PartitionBatch batch = new PartitionBatch(new TopicPartition("t", 0), -1, 1_300, ops);
    AtomicBatchWriter writer = new AtomicBatchWriter(client);

    List<CommitOutcome> first = writer.commit(keys, AtomicBatchWriter.Mode.REBUILD, List.of(batch));
    List<CommitOutcome> again = writer.commit(keys, AtomicBatchWriter.Mode.REBUILD, List.of(batch));

    assertThat(first)
        .extracting(CommitOutcome::status)
        .containsExactly(CommitOutcome.Status.APPLIED);
    assertThat(again)
        .extracting(CommitOutcome::status)
        .containsExactly(CommitOutcome.Status.ALREADY_APPLIED);
    assertThat(client.zcard(zset)).isEqualTo(1_200);
    assertThat(client.zrange(zset, 0, 0)).containsExactly("m100");
    assertThat(client.zrange(zset, -1, -1)).containsExactly("m1299");
    assertThat(client.hget(keys.offsets(), Keyspace.offsetField("t", 0))).isEqualTo("1300");
  }

  @Test
  void aTouchedIndexKeepsEachMembersHighestScoreAcrossPartitions() {
    RedisClient client = redis.client();
    Keyspace keys = new Keyspace(8);
    String index = keys.prefix() + "sessions";
    AtomicBatchWriter writer = new AtomicBatchWriter(client);

    writer.commit(
        keys,
        AtomicBatchWriter.Mode.REBUILD,
        List.of(
            new PartitionBatch(
                new TopicPartition("narrative", 0),
                -1,
                5,
                List.of(new WriteOp.Touch(index, 900, "s1", 10))),
            new PartitionBatch(
                new TopicPartition("emotion", 0),
                -1,
                7,
                List.of(
                    new WriteOp.Touch(index, 500, "s1", 10),
                    new WriteOp.Touch(index, 400, "s2", 10)))));

    assertThat(client.zscore(index, "s1")).isEqualTo(900);
    assertThat(client.zscore(index, "s2")).isEqualTo(400);
  }
}
