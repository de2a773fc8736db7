package dev.empath.projector.store;

import dev.empath.readmodel.keys.Keyspace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis Cluster commit of a poll as {@code commit-unit.lua} calls, one per hash slot. A unit is
 * what one partition's batch writes to one entity group (one hash tag, so one slot), with the
 * group's watermark for that partition; the units of a slot travel in one call, each checked and
 * applied on its own.
 */
final class SlotCalls {

  /** A unit of a call: the batch (index in the poll) and the group it writes. */
  record Unit(int batch, String tag) {}

  /** One script call: its keys (all in {@code slot}), arguments and units, in order. */
  static final class Call {
    final int slot;
    final Map<String, Integer> keyIndex = new LinkedHashMap<>();
    final List<String> args = new ArrayList<>();
    final List<Unit> units = new ArrayList<>();

    Call(int slot) {
      this.slot = slot;
      args.add("0"); // the unit count, set once all are in
    }

    List<String> keys() {
      return new ArrayList<>(keyIndex.keySet());
    }

    String sampleKey() {
      return keyIndex.keySet().iterator().next();
    }

    private String index(String key) {
      return Integer.toString(keyIndex.computeIfAbsent(key, k -> keyIndex.size() + 1));
    }
  }

  /** A key in an operation, resolved to its index in {@code KEYS} once the call is known. */
  private record KeyRef(String key) {}

  private SlotCalls() {}

  static Collection<Call> of(Keyspace keyspace, List<PartitionBatch> batches) {
    Map<Integer, Call> calls = new LinkedHashMap<>();
    for (int b = 0; b < batches.size(); b++) {
      PartitionBatch batch = batches.get(b);
      String field = Keyspace.offsetField(batch.partition().topic(), batch.partition().partition());
      for (Map.Entry<String, List<Object>> unit : unitOps(batch).entrySet()) {
        String tag = unit.getKey();
        String watermarks = keyspace.applied(tag);
        Call call = calls.computeIfAbsent(JedisClusterCRC16.getSlot(watermarks), Call::new);
        long from = Math.max(batch.first(), batch.watermarks().getOrDefault(tag, -1L));
        call.args.add(call.index(watermarks));
        call.args.add(field);
        call.args.add(Long.toString(from));
        call.args.add(Long.toString(batch.next()));
        call.args.add(Integer.toString(unit.getValue().size()));
        for (Object o : unit.getValue()) {
          call.args.add(o instanceof KeyRef k ? call.index(k.key()) : (String) o);
        }
        call.units.add(new Unit(b, tag));
      }
    }
    for (Call call : calls.values()) {
      call.args.set(0, Integer.toString(call.units.size()));
    }
    return calls.values();
  }

  /** The batch's coalesced operations by the hash tag of their key, as script arguments. */
  private static Map<String, List<Object>> unitOps(PartitionBatch batch) {
    Coalescer.Coalesced c = Coalescer.coalesce(batch.ops());
    Map<String, List<Object>> byTag = new LinkedHashMap<>();
    c.puts().forEach((key, value) -> ops(byTag, key).addAll(List.of("S", new KeyRef(key), value)));
    for (Coalescer.CappedAdds z : c.adds()) {
      List<Object> ops = ops(byTag, z.key());
      ops.add(z.raiseOnly() ? "G" : "Z");
      ops.add(new KeyRef(z.key()));
      ops.add(Integer.toString(z.cap()));
      ops.add(Integer.toString(z.members().size()));
      for (Coalescer.Member m : z.members()) {
        ops.add(AtomicBatchWriter.score(m.score()));
        ops.add(m.member());
      }
    }
    c.increments()
        .forEach(
            (key, fields) ->
                fields.forEach(
                    (field, delta) ->
                        ops(byTag, key)
                            .addAll(List.of("I", new KeyRef(key), field, Long.toString(delta)))));
    return byTag;
  }

  private static List<Object> ops(Map<String, List<Object>> byTag, String key) {
    String tag = Keyspace.hashTag(key);
    if (tag == null) {
      throw new IllegalStateException("a projected key without a hash tag: " + key);
    }
    return byTag.computeIfAbsent(tag, t -> new ArrayList<>());
  }
}
