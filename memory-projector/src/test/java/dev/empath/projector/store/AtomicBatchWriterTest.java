package dev.empath.projector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AtomicBatchWriterTest {

  @Test
  void encodesOperationsWithDeduplicatedKeyIndexes() {
    Keyspace ks = new Keyspace(2);
    PartitionBatch batch =
        new PartitionBatch(
            new TopicPartition("t", 3),
            -1,
            10,
            List.of(
                new WriteOp.Put("a", "1"),
                new WriteOp.AddCapped("b", 1_700_000_000_123d, "m", 5),
                new WriteOp.Put("a", "2"),
                new WriteOp.Increment("c", "f", 7)));
    AtomicBatchWriter.Call call = AtomicBatchWriter.call(ks, AtomicBatchWriter.Mode.LIVE, batch);
    assertThat(call.keys())
        .containsExactly(ks.offsets(), Keyspace.ACTIVE_VERSION_KEY, "a", "b", "c");
    assertThat(call.args())
        .containsExactly(
            "t/3",
            "",
            "10",
            "2",
            "live",
            "1", // field, expected, next, version, mode, default
            "S",
            "3",
            "2", // the last SET of "a" wins
            "Z",
            "4",
            "5",
            "1",
            "1700000000123",
            "m", // cap 5, one member
            "I",
            "5",
            "f",
            "7");
  }

  @Test
  void aBatchMustAdvanceTheOffset() {
    assertThatThrownBy(() -> new PartitionBatch(new TopicPartition("t", 0), 5, 5, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
