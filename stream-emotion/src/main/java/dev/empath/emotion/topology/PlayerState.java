package dev.empath.emotion.topology;

import dev.empath.emotion.baseline.PlayerBaseline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One state-store entry per player: the player's baseline and the state of their most recent
 * sessions. Keeping both under one key costs one store write (and one changelog record) per event
 * instead of two, and bounds per-player state: beyond {@value #MAX_SESSIONS} sessions the one with
 * the oldest clock is forgotten (a player resuming it starts its features afresh, with low
 * confidence, while the baseline stays).
 */
public record PlayerState(PlayerBaseline baseline, List<SessionEntry> sessions) {

  static final int MAX_SESSIONS = 4;

  /** A session's state under its id. */
  public record SessionEntry(String sessionId, SessionState state) {}

  public PlayerState {
    sessions = List.copyOf(sessions);
  }

  public static PlayerState newPlayer() {
    return new PlayerState(PlayerBaseline.prior(), List.of());
  }

  public Optional<SessionState> session(String sessionId) {
    for (SessionEntry e : sessions) {
      if (e.sessionId().equals(sessionId)) {
        return Optional.of(e.state());
      }
    }
    return Optional.empty();
  }

  /** This state with {@code sessionId}'s state replaced and the baseline set. */
  public PlayerState with(PlayerBaseline newBaseline, String sessionId, SessionState state) {
    List<SessionEntry> out = new ArrayList<>(sessions.size() + 1);
    for (SessionEntry e : sessions) {
      if (!e.sessionId().equals(sessionId)) {
        out.add(e);
      }
    }
    out.add(new SessionEntry(sessionId, state));
    while (out.size() > MAX_SESSIONS) {
      out.remove(
          out.stream()
              .min(Comparator.comparingLong(e -> e.state().maxTimestampMs()))
              .orElseThrow());
    }
    return new PlayerState(newBaseline, out);
  }
}
