package dev.empath.projector.store;

import dev.empath.platform.redis.LuaScript;
import dev.empath.platform.redis.RedisNodes;
import dev.empath.projector.config.ProjectorSettings.ReplicaWait;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Applies batches to a Redis Cluster, where one script may touch only one hash slot, in two
 * pipelined steps (each one round trip per node):
 *
 * <ol>
 *   <li>per slot, one {@code commit-unit.lua} call with every unit of the poll in that slot: each
 *       entity group's writes with its own watermark for the source partition, checked and applied
 *       together; then, per node, {@code WAIT} until the replicas hold them;
 *   <li>per partition whose units were all applied, {@code commit-offset.lua} moves its resume
 *       offset (compare-and-set, which fences a second writer), with a read of the active-version
 *       pointer.
 * </ol>
 *
 * <p>A crash between the steps leaves units applied and the resume offset behind them: the records
 * are read again, and each group's watermark skips what it has applied. A failover can lose the
 * writes a primary acknowledged but had not replicated; the WAIT keeps the resume offset from
 * moving past such writes, so they are read and applied again.
 */
public final class SlotBatchWriter implements BatchWriter {

  private static final LuaScript UNIT =
      new LuaScript(Scripts.source("apply-ops.lua", "commit-unit.lua"));
  private static final LuaScript OFFSET = new LuaScript(Scripts.source("commit-offset.lua"));

  private final RedisClusterClient redis;
  private final ReplicaWait wait;
  private final Map<Integer, HostAndPort> slotNodes = new HashMap<>();
  private final ConnectedReplicas replicas;

  public SlotBatchWriter(RedisClusterClient redis, ReplicaWait wait) {
    this.redis = redis;
    this.wait = wait;
    this.replicas = new ConnectedReplicas(redis);
  }

  @Override
  public List<CommitOutcome> commit(
      Keyspace keys, AtomicBatchWriter.Mode mode, List<PartitionBatch> batches) {
    if (batches.isEmpty()) {
      return List.of();
    }
    try {
      try {
        return send(keys, mode, batches);
      } catch (JedisNoScriptException e) {
        // A restarted or newly promoted node: load everywhere; sending again is safe (watermarks).
        UNIT.load(redis);
        OFFSET.load(redis);
        return send(keys, mode, batches);
      }
    } catch (JedisException e) {
      slotNodes.clear(); // slots may have moved (a failover): look them up again
      replicas.forget();
      try {
        redis.refreshClusterTopology();
      } catch (RuntimeException refresh) {
        e.addSuppressed(refresh);
      }
      throw e;
    }
  }

  private List<CommitOutcome> send(
      Keyspace keys, AtomicBatchWriter.Mode mode, List<PartitionBatch> batches) {
    Collection<SlotCalls.Call> calls = SlotCalls.of(keys, batches);
    List<UnitAnswers> answers = applyUnits(calls, batches.size());
    List<Response<Object>> offsets = new ArrayList<>(batches.size());
    Response<String> pointer;
    try (AbstractPipeline pipeline = RedisNodes.pipelined(redis)) {
      for (int b = 0; b < batches.size(); b++) {
        PartitionBatch batch = batches.get(b);
        offsets.add(
            answers.get(b).partial
                ? null
                : pipeline.evalsha(OFFSET.sha(), List.of(keys.offsets()), offsetArgs(batch)));
      }
      pointer = pipeline.get(Keyspace.ACTIVE_VERSION_KEY);
      pipeline.sync();
    }
    Object named = answer(pointer);
    String active =
        named == null ? Integer.toString(ActiveVersion.DEFAULT_VERSION) : named.toString();
    boolean switched =
        mode == AtomicBatchWriter.Mode.LIVE && !active.equals(Integer.toString(keys.version()));
    List<CommitOutcome> out = new ArrayList<>(batches.size());
    for (int b = 0; b < batches.size(); b++) {
      out.add(outcome(batches.get(b), answers.get(b), offsets.get(b), switched, active));
    }
    return out;
  }

  /** What a batch's units answered. */
  private static final class UnitAnswers {
    boolean partial;
    boolean done;
    final Map<String, Long> watermarks = new LinkedHashMap<>();
  }

  /** Step 1: every slot's units, then WAIT on every node written. */
  private List<UnitAnswers> applyUnits(Collection<SlotCalls.Call> calls, int batches) {
    List<UnitAnswers> answers = new ArrayList<>(batches);
    for (int b = 0; b < batches; b++) {
      answers.add(new UnitAnswers());
    }
    if (calls.isEmpty()) {
      return answers;
    }
    List<Response<Object>> replies = new ArrayList<>(calls.size());
    List<Response<Long>> acks = new ArrayList<>();
    List<Integer> wanted = new ArrayList<>();
    try (AbstractPipeline pipeline = RedisNodes.pipelined(redis)) {
      Map<HostAndPort, String> lastKeyOfNode = new LinkedHashMap<>();
      for (SlotCalls.Call call : calls) {
        replies.add(pipeline.evalsha(UNIT.sha(), call.keys(), call.args));
        lastKeyOfNode.put(node(call.slot), call.sampleKey());
      }
      // After every script of the node, on the same connection: WAIT counts what it wrote.
      lastKeyOfNode.forEach(
          (node, sample) -> {
            int n = Math.min(wait.replicas(), replicas.connected(node));
            if (n > 0) {
              acks.add(pipeline.waitReplicas(sample, n, wait.timeout().toMillis()));
              wanted.add(n);
            }
          });
      pipeline.sync();
    }
    int c = 0;
    for (SlotCalls.Call call : calls) {
      List<?> perUnit = (List<?>) answer(replies.get(c++));
      for (int u = 0; u < call.units.size(); u++) {
        SlotCalls.Unit unit = call.units.get(u);
        List<?> reply = (List<?>) perUnit.get(u);
        UnitAnswers a = answers.get(unit.batch());
        String status = text(reply.get(0));
        a.watermarks.put(unit.tag(), Long.parseLong(text(reply.get(1))));
        switch (status) {
          case "ok" -> {}
          case "done" -> a.done = true;
          case "partial" -> a.partial = true;
          default -> throw new IllegalStateException("unexpected script reply " + status);
        }
      }
    }
    for (int i = 0; i < acks.size(); i++) {
      long acknowledged = (Long) answer(acks.get(i));
      if (acknowledged < wanted.get(i)) {
        replicas.forget(); // a replica may have gone: count them again
        throw new JedisException(
            acknowledged
                + " of "
                + wanted.get(i)
                + " replicas acknowledged a batch within "
                + wait.timeout().toMillis()
                + " ms: retrying it");
      }
    }
    return answers;
  }

  private HostAndPort node(int slot) {
    return slotNodes.computeIfAbsent(
        slot,
        s -> {
          try (Connection c = redis.getConnectionFromSlot(s)) {
            return c.getHostAndPort();
          }
        });
  }

  private static List<String> offsetArgs(PartitionBatch batch) {
    return List.of(
        Keyspace.offsetField(batch.partition().topic(), batch.partition().partition()),
        batch.expectedNext() < 0 ? "" : Long.toString(batch.expectedNext()),
        Long.toString(batch.next()));
  }

  private static CommitOutcome outcome(
      PartitionBatch batch,
      UnitAnswers units,
      Response<Object> offset,
      boolean switched,
      String active) {
    Map<String, Long> learned = units.done || units.partial ? units.watermarks : Map.of();
    if (switched) {
      return new CommitOutcome(batch.partition(), CommitOutcome.Status.SWITCHED, active);
    }
    if (units.partial) {
      return new CommitOutcome(batch.partition(), CommitOutcome.Status.RETRY, "", learned);
    }
    List<?> parts = (List<?>) answer(offset);
    String status = text(parts.get(0));
    String detail = text(parts.get(1));
    CommitOutcome.Status s =
        switch (status) {
          case "ok" ->
              units.done ? CommitOutcome.Status.ALREADY_APPLIED : CommitOutcome.Status.APPLIED;
          case "done" -> CommitOutcome.Status.ALREADY_APPLIED;
          case "lost" -> CommitOutcome.Status.LOST;
          case "conflict" -> CommitOutcome.Status.CONFLICT;
          default -> throw new IllegalStateException("unexpected script reply " + status);
        };
    return new CommitOutcome(batch.partition(), s, detail, learned);
  }

  private static Object answer(Response<?> response) {
    return RedisNodes.answer(response);
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  /** The scripts this writer runs (for the test that checks their keys). */
  public static List<String> scripts() {
    return List.of(UNIT.source(), OFFSET.source());
  }
}
