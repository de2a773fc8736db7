package dev.empath.projector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.embedded.redis.ScriptKeys;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every commit script, run on a real Redis: it touches only the keys it is given in {@code KEYS},
 * and the scripts a Redis Cluster runs get keys of one hash slot only.
 */
class ScriptKeysIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final Keyspace KEYS = new Keyspace(3);
  static final TopicPartition TP = new TopicPartition("t", 2);
  static ScriptKeys check;

  @BeforeAll
  static void connect() {
    URI uri = URI.create(redis.uri());
    check = new ScriptKeys(uri.getHost(), uri.getPort());
  }

  /** A batch writing every kind of group: sessions, a game, a character, a pair. */
  static PartitionBatch batch() {
    List<WriteOp> ops =
        List.of(
            new WriteOp.Put(KEYS.sessionEmotion("g", "s1"), "{}"),
            new WriteOp.AddCapped(KEYS.sessionTimeline("g", "s1"), 5, "{}", 10),
            new WriteOp.Put(KEYS.sessionNarrative("g", "s2"), "{}"),
            new WriteOp.AddCapped(KEYS.gameSessions("g"), 5, "s1", 10),
            new WriteOp.Increment(KEYS.usage("g"), "requests", 1),
            new WriteOp.Put(KEYS.characterState("g", "c"), "{}"),
            new WriteOp.AddCapped(KEYS.characterLines("g", "c"), 5, "{}", 10),
            new WriteOp.Put(KEYS.relationship("g", "c", "p"), "{}"),
            new WriteOp.AddCapped(KEYS.memories("g", "c", "p"), 5, "{}", 10));
    return new PartitionBatch(TP, 4, 4, 9, ops, Map.of());
  }

  @Test
  void eachClusterUnitCallTouchesOnlyItsKeysAllInOneSlot() {
    var calls = SlotCalls.of(KEYS, List.of(batch()));
    assertThat(calls).hasSize(5);
    String unit = SlotBatchWriter.scripts().get(0);
    for (SlotCalls.Call call : calls) {
      ScriptKeys.Report report = check.run(unit, call.keys(), call.args);
      assertThat(report.commands()).as("commands of slot %d", call.slot).isNotEmpty();
      assertThat(report.undeclared()).as("keys not in KEYS").isEmpty();
      assertThat(report.slots()).containsExactly(call.slot);
    }
  }

  @Test
  void theClusterOffsetCommitTouchesOnlyTheOffsetsHash() {
    ScriptKeys.Report report =
        check.run(
            SlotBatchWriter.scripts().get(1),
            List.of(KEYS.offsets()),
            List.of(Keyspace.offsetField("t", 2), "", "9"));
    assertThat(report.commands()).anyMatch(c -> c.startsWith("HSET"));
    assertThat(report.clusterSafe()).isTrue();
  }

  @Test
  void theVersionSwitchTouchesOnlyThePointer() {
    ScriptKeys.Report report =
        check.run(
            KeyspaceAdmin.SWITCH, List.of(Keyspace.ACTIVE_VERSION_KEY), List.of("1", "2", "1"));
    assertThat(report.commands()).anyMatch(c -> c.startsWith("SET"));
    assertThat(report.clusterSafe()).isTrue();
  }

  /** The single-node script spans the groups' slots by design; it is never run on a cluster. */
  @Test
  void theSingleNodeCommitTouchesOnlyItsKeys() {
    AtomicBatchWriter.Call call =
        AtomicBatchWriter.call(
            new Keyspace(4),
            AtomicBatchWriter.Mode.REBUILD,
            new PartitionBatch(TP, -1, 9, batch().ops()));
    ScriptKeys.Report report = check.run(AtomicBatchWriter.SCRIPT, call.keys(), call.args());
    assertThat(report.commands()).hasSizeGreaterThan(5);
    assertThat(report.undeclared()).isEmpty();
    assertThat(report.slots()).hasSizeGreaterThan(1);
  }
}
