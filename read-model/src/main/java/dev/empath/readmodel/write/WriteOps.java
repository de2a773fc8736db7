package dev.empath.readmodel.write;

import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.params.ZAddParams;

/** Applies write operations without the projector's offset bookkeeping. */
public final class WriteOps {

  private WriteOps() {}

  /** Queues {@code ops} on {@code pipeline}; the caller syncs it (or wraps it in MULTI). */
  public static void apply(AbstractPipeline pipeline, List<WriteOp> ops) {
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Put p) {
        pipeline.set(p.key(), p.value());
      } else if (op instanceof WriteOp.AddCapped z) {
        pipeline.zadd(z.key(), z.score(), z.member());
        pipeline.zremrangeByRank(z.key(), 0, -(z.cap() + 1L));
      } else if (op instanceof WriteOp.Touch t) {
        pipeline.zadd(t.key(), t.score(), t.member(), ZAddParams.zAddParams().gt());
        pipeline.zremrangeByRank(t.key(), 0, -(t.cap() + 1L));
      } else if (op instanceof WriteOp.Increment i) {
        pipeline.hincrBy(i.key(), i.field(), i.delta());
      }
    }
  }
}
