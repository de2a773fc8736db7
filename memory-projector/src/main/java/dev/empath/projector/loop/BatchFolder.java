package dev.empath.projector.loop;

import com.google.protobuf.Message;
import dev.empath.platform.redis.RedisNodes;
import dev.empath.projector.decode.PartitionEvents;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.fold.WorkingSet;
import dev.empath.readmodel.write.WriteOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Folds a poll's events into writes, on top of the stored state they read (relationships, character
 * states). That state comes, in this order, from the batch Redis is applying right now (folded, not
 * yet confirmed), from values confirmed by earlier commits (a cache), or from Redis. Reading Redis
 * for a key the in-flight batch writes would race with it, which is why that batch's state is
 * consulted first and why it must be handed over with {@link #inFlight}.
 *
 * <p>Used by the loop's thread only.
 */
final class BatchFolder {

  /** The writes folded from one partition's records of a poll. */
  record PartitionWrites(PartitionEvents source, List<WriteOp> ops) {}

  /** A folded batch: per-partition writes and the state after them. */
  record Folded(List<PartitionWrites> partitions, WorkingSet state, int events) {}

  private final UnifiedJedis redis;
  private final GroupWatermarks watermarks;
  private final Map<String, Optional<Object>> confirmed;
  private WorkingSet inFlight;

  BatchFolder(UnifiedJedis redis, int cacheEntries, GroupWatermarks watermarks) {
    this.redis = redis;
    this.watermarks = watermarks;
    this.confirmed =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Optional<Object>> eldest) {
            return size() > cacheEntries;
          }
        };
  }

  /**
   * Loads what {@code batch} reads and folds it. Throws {@link JedisException} when Redis cannot be
   * read; nothing changes then.
   */
  Folded fold(EventFold fold, List<PartitionEvents> batch) {
    WorkingSet state = load(fold, batch);
    List<PartitionWrites> out = new ArrayList<>(batch.size());
    int events = 0;
    for (PartitionEvents pe : batch) {
      List<Message> decoded = new ArrayList<>(pe.events().size());
      List<Long> offsets = new ArrayList<>(pe.events().size());
      for (int i = 0; i < pe.events().size(); i++) {
        Message event = pe.events().get(i);
        if (event != null) { // null: dead-lettered
          decoded.add(event);
          offsets.add(pe.offsets().get(i));
        }
      }
      Map<String, Long> applied = watermarks.of(pe.partition());
      List<WriteOp> ops =
          applied.isEmpty()
              ? fold.applyAll(decoded, state)
              : fold.applyAllExcept(
                  decoded,
                  offsets,
                  state,
                  (tag, offset) -> offset < applied.getOrDefault(tag, -1L));
      out.add(new PartitionWrites(pe, ops));
      events += decoded.size();
    }
    return new Folded(out, state, events);
  }

  /** {@code folded} was sent to Redis: the next batch must read its state, not Redis's. */
  void inFlight(Folded folded) {
    inFlight = folded.state();
  }

  /** Redis applied {@code folded}: its state is what Redis holds now. */
  void confirmed(Folded folded) {
    folded.state().copyTo(confirmed);
    if (inFlight == folded.state()) {
      inFlight = null;
    }
  }

  /** What Redis holds is unknown (a failed or refused commit, a rebalance): read it again. */
  void forget() {
    confirmed.clear();
    inFlight = null;
  }

  private WorkingSet load(EventFold fold, List<PartitionEvents> batch) {
    WorkingSet state = new WorkingSet();
    Set<String> missing = new LinkedHashSet<>();
    for (PartitionEvents pe : batch) {
      for (Message event : pe.events()) {
        if (event == null) {
          continue;
        }
        for (String key : fold.keysToRead(event)) {
          if (state.isLoaded(key)) {
            continue;
          }
          if (inFlight != null && inFlight.isLoaded(key)) {
            state.load(key, inFlight.peek(key));
            continue;
          }
          Optional<Object> cached = confirmed.get(key);
          if (cached != null) {
            state.load(key, cached);
          } else {
            missing.add(key);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> keys = List.copyOf(missing);
      List<Response<String>> values = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = RedisNodes.pipelined(redis)) {
        for (String key : keys) {
          values.add(pipeline.get(key));
        }
        pipeline.sync();
      }
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        state.load(
            key,
            Optional.ofNullable(RedisNodes.answer(values.get(i)))
                .map(json -> fold.decode(key, json)));
      }
    }
    return state;
  }
}
