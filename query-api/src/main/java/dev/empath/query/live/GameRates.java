package dev.empath.query.live;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-game counts of what the live feed saw, in one-second buckets over the last {@link
 * #HISTORY_SECONDS}: rates over the last {@link #RATE_SECONDS} and the share of each dominant
 * emotion among the predictions of the last {@link #HISTORY_SECONDS}. Games silent for that long
 * are forgotten, so memory follows the games that are playing.
 */
@Singleton
public final class GameRates {

  static final int RATE_SECONDS = 10;
  static final int HISTORY_SECONDS = 300;

  /** What is counted. */
  enum Kind {
    PREDICTION,
    DECISION,
    LINE,
    FAILED_LINE
  }

  /** Rates per second and emotion shares of one game; dead letters are counted for every game. */
  record Snapshot(
      double predictionsPerSecond,
      double decisionsPerSecond,
      double linesPerSecond,
      double failedLinesPerSecond,
      double deadLettersPerSecond,
      Map<String, Double> emotionShares,
      long predictionsCounted) {}

  private final ConcurrentHashMap<String, Buckets> games = new ConcurrentHashMap<>();
  private final Buckets deadLetters = new Buckets();
  private final LongSupplier clock;

  public GameRates() {
    this(System::currentTimeMillis);
  }

  GameRates(LongSupplier clock) {
    this.clock = clock;
  }

  void count(String game, Kind kind, String emotion) {
    games.computeIfAbsent(game, g -> new Buckets()).add(second(), kind, emotion);
  }

  void countDeadLetter() {
    deadLetters.add(second(), Kind.PREDICTION, null);
  }

  Snapshot snapshot(String game) {
    long now = second();
    Buckets b = games.get(game);
    double dead = deadLetters.rate(now, Kind.PREDICTION);
    if (b == null) {
      return new Snapshot(0, 0, 0, 0, dead, Map.of(), 0);
    }
    return b.snapshot(now, dead);
  }

  /** Drops games with nothing counted in the history window. */
  void forgetSilent() {
    long now = second();
    games.values().removeIf(b -> b.lastSecond() < now - HISTORY_SECONDS);
  }

  private long second() {
    return clock.getAsLong() / 1000;
  }

  /** A ring of one-second buckets. */
  private static final class Buckets {
    private final long[] seconds = new long[HISTORY_SECONDS];
    private final long[][] counts = new long[HISTORY_SECONDS][Kind.values().length];

    @SuppressWarnings("unchecked")
    private final Map<String, Long>[] emotions = new Map[HISTORY_SECONDS];

    private long last;

    synchronized void add(long second, Kind kind, String emotion) {
      int i = (int) (second % HISTORY_SECONDS);
      if (seconds[i] != second) {
        seconds[i] = second;
        java.util.Arrays.fill(counts[i], 0);
        emotions[i] = null;
      }
      counts[i][kind.ordinal()]++;
      if (emotion != null && !emotion.isEmpty()) {
        if (emotions[i] == null) {
          emotions[i] = new HashMap<>();
        }
        emotions[i].merge(emotion, 1L, Long::sum);
      }
      last = Math.max(last, second);
    }

    synchronized long lastSecond() {
      return last;
    }

    /** Per second over the last full {@link #RATE_SECONDS} seconds (the current one is partial). */
    synchronized double rate(long now, Kind kind) {
      long total = 0;
      for (long s = now - RATE_SECONDS; s < now; s++) {
        int i = (int) (s % HISTORY_SECONDS);
        if (s >= 0 && seconds[i] == s) {
          total += counts[i][kind.ordinal()];
        }
      }
      return (double) total / RATE_SECONDS;
    }

    synchronized Snapshot snapshot(long now, double deadLetters) {
      Map<String, Long> byEmotion = new HashMap<>();
      long predictions = 0;
      for (int i = 0; i < HISTORY_SECONDS; i++) {
        if (seconds[i] > now - HISTORY_SECONDS && emotions[i] != null) {
          for (Map.Entry<String, Long> e : emotions[i].entrySet()) {
            byEmotion.merge(e.getKey(), e.getValue(), Long::sum);
            predictions += e.getValue();
          }
        }
      }
      Map<String, Double> shares = new TreeMap<>();
      for (Map.Entry<String, Long> e : byEmotion.entrySet()) {
        shares.put(e.getKey(), (double) e.getValue() / predictions);
      }
      return new Snapshot(
          rate(now, Kind.PREDICTION),
          rate(now, Kind.DECISION),
          rate(now, Kind.LINE),
          rate(now, Kind.FAILED_LINE),
          deadLetters,
          shares,
          predictions);
    }
  }
}
