package dev.empath.readmodel.asof;

import java.util.List;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

/**
 * One capped history (a sorted set scored by event time) read inside a transaction: its entries at
 * or before a moment, its size, and its oldest entries. Capping drops the lowest scores, so the
 * newest entries at or before a moment are exact whenever they are still there; only a full history
 * can have lost what the moment needs.
 */
final class HistoryRead {

  private final Response<List<String>> atOrBefore;
  private final Response<Long> size;
  private final Response<List<Tuple>> oldest;
  private final int cap;
  private final int want;

  private HistoryRead(AbstractTransaction tx, String key, long atMs, int want, int cap) {
    this.cap = cap;
    this.want = want;
    ZRangeParams range = ZRangeParams.zrangeByScoreParams(atMs, Double.NEGATIVE_INFINITY).rev();
    this.atOrBefore = tx.zrange(key, want > 0 ? range.limit(0, want) : range);
    this.size = tx.zcard(key);
    this.oldest = tx.zrangeWithScores(key, 0, Math.max(0, want - 1));
  }

  /** The newest {@code count} entries at or before {@code atMs}, newest first. */
  static HistoryRead newest(AbstractTransaction tx, String key, long atMs, int count, int cap) {
    return new HistoryRead(tx, key, atMs, Math.min(count, cap), cap);
  }

  /** Every entry at or before {@code atMs}, newest first. */
  static HistoryRead all(AbstractTransaction tx, String key, long atMs, int cap) {
    return new HistoryRead(tx, key, atMs, 0, cap);
  }

  /**
   * After the transaction ran: the entries, {@code NotYet} when there are none and nothing was
   * dropped, or {@code BeyondKept} when a full history cannot show what the moment needs.
   */
  AsOf<List<String>> result() {
    List<String> found = atOrBefore.get();
    boolean full = size.get() >= cap;
    if (want > 0 ? found.size() >= want : !found.isEmpty()) {
      return new AsOf.Found<>(found);
    }
    if (!full) {
      return found.isEmpty() ? new AsOf.NotYet<>() : new AsOf.Found<>(found);
    }
    List<Tuple> first = oldest.get();
    // With fewer than wanted at or before the moment, the moment is answerable from the time the
    // wanted number of entries is kept.
    return new AsOf.BeyondKept<>((long) first.get(first.size() - 1).getScore());
  }
}
