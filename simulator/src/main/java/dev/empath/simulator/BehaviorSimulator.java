package dev.empath.simulator;

import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates behaviour sessions with scripted emotional arcs. Deterministic: the same seed, players
 * and scripts give the same events, and each session's randomness depends only on the seed and the
 * session id, so a session looks the same whether it is generated alone or among thousands.
 */
public final class BehaviorSimulator {

  /** Mean event-time gap between two events of one session when not configured. */
  public static final long DEFAULT_MEAN_GAP_MS = 200;

  private final long seed;
  private final long meanGapMs;

  public BehaviorSimulator(long seed) {
    this(seed, DEFAULT_MEAN_GAP_MS);
  }

  public BehaviorSimulator(long seed, long meanGapMs) {
    if (meanGapMs < 2) {
      throw new IllegalArgumentException("meanGapMs must be >= 2, was " + meanGapMs);
    }
    this.seed = seed;
    this.meanGapMs = meanGapMs;
  }

  /** {@code count} players of one game with paces spread between 0.6 and 2.2. */
  public List<PlayerProfile> players(String gameId, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PlayerProfile> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new PlayerProfile(gameId, "player-" + i, 0.6 + 1.6 * random.nextDouble()));
    }
    return out;
  }

  /** One session of {@code player} following {@code script}, starting at {@code startMs}. */
  public List<ScriptedBehavior> session(
      PlayerProfile player, String sessionId, long startMs, List<Segment> script) {
    SplittableRandom random = new SplittableRandom(seed ^ mix(sessionId.hashCode()));
    ArcBehavior.SessionProgress progress = new ArcBehavior.SessionProgress();
    List<ScriptedBehavior> out = new ArrayList<>();
    long time = startMs;
    int sequence = 0;
    for (Segment segment : script) {
      for (int i = 0; i < segment.events(); i++) {
        double t = segment.events() == 1 ? 1 : i / (double) (segment.events() - 1);
        PlayerBehaviorData.Builder b =
            PlayerBehaviorData.newBuilder()
                .setEventId(sessionId + "-" + sequence++)
                .setGameId(player.gameId())
                .setPlayerId(player.playerId())
                .setSessionId(sessionId)
                .setSceneId("scene-" + segment.arc().name().toLowerCase(java.util.Locale.ROOT))
                // The companion character the player spends the session with.
                .setCharacterId(companionOf(player))
                .setTimestampMs(time);
        ArcBehavior.shape(b, segment.arc(), t, player.pace(), progress, random);
        out.add(new ScriptedBehavior(b.build(), segment.arc(), t));
        // Gaps vary between half and one and a half times the mean.
        time += meanGapMs / 2 + random.nextLong(meanGapMs + 1);
      }
    }
    return out;
  }

  /**
   * Every player plays {@code sessionsPerPlayer} sessions one after another, all players at the
   * same time; the result is ordered by timestamp as a game fleet would publish it.
   */
  public List<ScriptedBehavior> population(
      List<PlayerProfile> players, int sessionsPerPlayer, List<Segment> script, long startMs) {
    List<ScriptedBehavior> all = new ArrayList<>();
    for (PlayerProfile player : players) {
      long sessionStart = startMs;
      for (int s = 0; s < sessionsPerPlayer; s++) {
        List<ScriptedBehavior> session =
            session(player, player.playerId() + "-session-" + s, sessionStart, script);
        all.addAll(session);
        sessionStart = session.get(session.size() - 1).timestampMs() + 60_000;
      }
    }
    all.sort(Comparator.comparingLong(ScriptedBehavior::timestampMs));
    return all;
  }

  /** The character a player travels with; interactions mostly involve this one too. */
  public static String companionOf(PlayerProfile player) {
    List<String> cast = InteractionSimulator.CHARACTERS;
    return cast.get(Math.floorMod(player.playerId().hashCode(), cast.size()));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
