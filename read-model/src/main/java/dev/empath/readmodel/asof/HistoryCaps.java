package dev.empath.readmodel.asof;

import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * The sizes of a keyspace's capped histories, recorded by its writer in the version's meta hash: a
 * reader tells a history that is full (and may have dropped entries) from one that is not.
 *
 * @param timeline emotion predictions kept per session
 * @param memories memories kept per character and player
 * @param lines generated lines kept per character
 * @param history narrative decisions per session, states per character, relationship values per
 *     character and player
 */
public record HistoryCaps(int timeline, int memories, int lines, int history) {

  /** The projector's defaults; a keyspace without recorded caps is read with these. */
  public static final HistoryCaps DEFAULT = new HistoryCaps(500, 50, 100, 200);

  static final String TIMELINE = "cap.timeline";
  static final String MEMORIES = "cap.memories";
  static final String LINES = "cap.lines";
  static final String HISTORY = "cap.history";

  public HistoryCaps {
    if (timeline < 1 || memories < 1 || lines < 1 || history < 1) {
      throw new IllegalArgumentException("caps must be >= 1");
    }
  }

  /** Records these caps in {@code keys}' meta hash. */
  public void record(UnifiedJedis redis, Keyspace keys) {
    redis.hset(
        keys.meta(),
        Map.of(
            TIMELINE, Integer.toString(timeline),
            MEMORIES, Integer.toString(memories),
            LINES, Integer.toString(lines),
            HISTORY, Integer.toString(history)));
  }

  /** The caps recorded for {@code keys}, each missing one at its default. */
  public static HistoryCaps read(UnifiedJedis redis, Keyspace keys) {
    List<String> v = redis.hmget(keys.meta(), TIMELINE, MEMORIES, LINES, HISTORY);
    return new HistoryCaps(
        parse(v.get(0), DEFAULT.timeline),
        parse(v.get(1), DEFAULT.memories),
        parse(v.get(2), DEFAULT.lines),
        parse(v.get(3), DEFAULT.history));
  }

  private static int parse(String value, int absent) {
    if (value == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      return n >= 1 ? n : absent;
    } catch (NumberFormatException e) {
      return absent;
    }
  }
}
