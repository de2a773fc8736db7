package dev.empath.projector.fold;

import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.write.WriteOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the writes of a fold. String values (SET) are JSON-encoded when they are written out.
 */
abstract sealed class Writes {

  final List<WriteOp> ops = new ArrayList<>();

  /** SET {@code key} to the JSON of {@code value}. */
  abstract void set(String key, Object value);

  /** SET {@code key} to {@code json}, already encoded. */
  abstract void setEncoded(String key, String json);

  /**
   * Raises the score of {@code member} in a capped index to {@code score} (ZADD GT). Within a batch
   * only the highest score of each member is written: an index entry says when its member was last
   * active, nothing more.
   */
  void touch(String key, String member, double score, int cap) {
    touched.merge(
        key + '\n' + member,
        new WriteOp.Touch(key, score, member, cap),
        (before, now) -> now.score() > before.score() ? now : before);
  }

  final Map<String, WriteOp.Touch> touched = new LinkedHashMap<>();

  void add(WriteOp op) {
    ops.add(op);
  }

  void addAll(List<WriteOp> more) {
    ops.addAll(more);
  }

  abstract List<WriteOp> ops();

  /** Every write, in order, each value encoded at once. */
  static final class OneByOne extends Writes {

    @Override
    void set(String key, Object value) {
      ops.add(new WriteOp.Put(key, Json.write(value)));
    }

    @Override
    void setEncoded(String key, String json) {
      ops.add(new WriteOp.Put(key, json));
    }

    @Override
    List<WriteOp> ops() {
      List<WriteOp> out = new ArrayList<>(ops.size() + touched.size());
      out.addAll(ops);
      out.addAll(touched.values());
      return out;
    }
  }

  /**
   * Only the last SET of each key, encoded once at the end, after the other writes. The store ends
   * up the same: a later SET of a key overwrites an earlier one, and a string key is never also a
   * sorted set or a hash, so SETs commute with the other writes.
   */
  static final class LastSetWins extends Writes {

    private final Map<String, Object> values = new LinkedHashMap<>();

    @Override
    void set(String key, Object value) {
      values.put(key, value);
    }

    @Override
    void setEncoded(String key, String json) {
      values.put(key, new Encoded(json));
    }

    @Override
    List<WriteOp> ops() {
      List<WriteOp> out = new ArrayList<>(ops.size() + touched.size() + values.size());
      out.addAll(ops);
      out.addAll(touched.values());
      values.forEach(
          (key, value) ->
              out.add(
                  new WriteOp.Put(key, value instanceof Encoded e ? e.json() : Json.write(value))));
      return out;
    }

    private record Encoded(String json) {}
  }
}
