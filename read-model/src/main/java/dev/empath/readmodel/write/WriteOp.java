package dev.empath.readmodel.write;

/**
 * One Redis write of a projection. Writers produce these; the projector applies a batch of them and
 * the partition offset in one atomic script, other writers can {@link WriteOps#apply} them to a
 * pipeline.
 */
public sealed interface WriteOp {

  String key();

  /** SET key value. */
  record Put(String key, String value) implements WriteOp {}

  /** ZADD key score member, then keep only the newest {@code cap} members (highest scores). */
  record AddCapped(String key, double score, String member, int cap) implements WriteOp {
    public AddCapped {
      if (cap < 1) {
        throw new IllegalArgumentException("cap must be >= 1: " + cap);
      }
    }
  }

  /**
   * ZADD GT key score member, then keep only the newest {@code cap} members: a member's score only
   * ever rises, so an index of last-activity times ends up the same whatever order partitions are
   * applied in (live, after a crash, in a rebuild), where a plain ZADD keeps whichever came last.
   */
  record Touch(String key, double score, String member, int cap) implements WriteOp {
    public Touch {
      if (cap < 1) {
        throw new IllegalArgumentException("cap must be >= 1: " + cap);
      }
    }
  }

  /** HINCRBY key field delta. */
  record Increment(String key, String field, long delta) implements WriteOp {}
}
