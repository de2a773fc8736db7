package dev.empath.projector.store;

import dev.empath.platform.redis.LuaScript;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Applies batches to Redis: per partition, one Lua script call that checks the stored offset,
 * applies every write and stores the next offset, atomically. The calls of all partitions of a poll
 * travel in one pipeline.
 *
 * <p>The offset check makes a retry safe: if a reply was lost after the script ran, the retry finds
 * the new offset already stored and answers {@link CommitOutcome.Status#ALREADY_APPLIED}.
 */
public final class AtomicBatchWriter {

  /** Whether the writer serves readers (checks the active version) or rebuilds a new version. */
  public enum Mode {
    LIVE("live"),
    REBUILD("rebuild");

    private final String wire;

    Mode(String wire) {
      this.wire = wire;
    }
  }

  static final String SCRIPT = loadScript();
  private static final LuaScript COMMIT = new LuaScript(SCRIPT);

  private final UnifiedJedis redis;

  public AtomicBatchWriter(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** Commits {@code batches} in one pipeline; one outcome per batch, in order. */
  public List<CommitOutcome> commit(Keyspace keys, Mode mode, List<PartitionBatch> batches) {
    if (batches.isEmpty()) {
      return List.of();
    }
    try {
      return send(keys, mode, batches);
    } catch (JedisNoScriptException e) {
      // Redis restarted or SCRIPT FLUSH: load again; re-sending is safe (offset check).
      COMMIT.load(redis);
      return send(keys, mode, batches);
    }
  }

  private List<CommitOutcome> send(Keyspace keys, Mode mode, List<PartitionBatch> batches) {
    String scriptSha = COMMIT.sha();
    List<Response<Object>> responses = new ArrayList<>(batches.size());
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (PartitionBatch batch : batches) {
        Call call = call(keys, mode, batch);
        responses.add(pipeline.evalsha(scriptSha, call.keys(), call.args()));
      }
      pipeline.sync();
    }
    List<CommitOutcome> outcomes = new ArrayList<>(batches.size());
    for (int i = 0; i < batches.size(); i++) {
      outcomes.add(outcome(batches.get(i), responses.get(i).get()));
    }
    return outcomes;
  }

  record Call(List<String> keys, List<String> args) {}

  static Call call(Keyspace keyspace, Mode mode, PartitionBatch batch) {
    Map<String, Integer> keyIndex = new LinkedHashMap<>();
    keyIndex.put(keyspace.offsets(), 1);
    keyIndex.put(Keyspace.ACTIVE_VERSION_KEY, 2);
    List<String> args = new ArrayList<>(6 + batch.ops().size() * 4);
    args.add(Keyspace.offsetField(batch.partition().topic(), batch.partition().partition()));
    args.add(batch.expectedNext() < 0 ? "" : Long.toString(batch.expectedNext()));
    args.add(Long.toString(batch.next()));
    args.add(Integer.toString(keyspace.version()));
    args.add(mode.wire);
    args.add(Integer.toString(ActiveVersion.DEFAULT_VERSION));
    Coalescer.Coalesced c = Coalescer.coalesce(batch.ops());
    c.puts()
        .forEach(
            (key, value) -> {
              args.add("S");
              args.add(index(keyIndex, key));
              args.add(value);
            });
    for (Coalescer.CappedAdds z : c.adds()) {
      args.add(z.raiseOnly() ? "G" : "Z");
      args.add(index(keyIndex, z.key()));
      args.add(Integer.toString(z.cap()));
      args.add(Integer.toString(z.members().size()));
      for (Coalescer.Member m : z.members()) {
        args.add(score(m.score()));
        args.add(m.member());
      }
    }
    c.increments()
        .forEach(
            (key, fields) ->
                fields.forEach(
                    (field, delta) -> {
                      args.add("I");
                      args.add(index(keyIndex, key));
                      args.add(field);
                      args.add(Long.toString(delta));
                    }));
    return new Call(new ArrayList<>(keyIndex.keySet()), args);
  }

  private static String index(Map<String, Integer> keyIndex, String key) {
    return Integer.toString(keyIndex.computeIfAbsent(key, k -> keyIndex.size() + 1));
  }

  /** Exact text of a score: integral scores (timestamps) without an exponent or fraction. */
  static String score(double score) {
    return score == Math.rint(score) && Math.abs(score) < 1e15
        ? Long.toString((long) score)
        : Double.toString(score);
  }

  private static CommitOutcome outcome(PartitionBatch batch, Object reply) {
    List<?> parts = (List<?>) reply;
    String status = text(parts.get(0));
    String detail = text(parts.get(1));
    CommitOutcome.Status s =
        switch (status) {
          case "ok" -> CommitOutcome.Status.APPLIED;
          case "done" -> CommitOutcome.Status.ALREADY_APPLIED;
          case "lost" -> CommitOutcome.Status.LOST;
          case "conflict" -> CommitOutcome.Status.CONFLICT;
          case "switched" -> CommitOutcome.Status.SWITCHED;
          default -> throw new IllegalStateException("unexpected script reply " + status);
        };
    return new CommitOutcome(batch.partition(), s, detail);
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  private static String loadScript() {
    try (InputStream in = AtomicBatchWriter.class.getResourceAsStream("commit-batch.lua")) {
      if (in == null) {
        throw new IllegalStateException("commit-batch.lua missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
