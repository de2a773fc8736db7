package dev.empath.query.game;

import dev.empath.readmodel.Page;
import dev.empath.readmodel.session.ActiveSession;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.session.SessionReader;
import dev.empath.readmodel.session.TimelineQuery;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a page of a game's sessions from the index by last activity: each session's latest emotion
 * and decision, filtered, scanning the index in chunks until the page is full, the index ends, or
 * {@link #MAX_SCAN} sessions have been looked at (then the cursor continues the scan).
 */
@Singleton
final class SessionList {

  static final int MAX_SCAN = 1_000;

  /** Timeline entries read at a time when looking back for the start of the dominant emotion. */
  static final int LOOK_BACK_CHUNK = 32;

  SessionsPage page(
      SessionReader sessions,
      String game,
      SessionFilter filter,
      int limit,
      int offset,
      long nowMs) {
    long from = filter.activeWithinMs() > 0 ? nowMs - filter.activeWithinMs() : Long.MIN_VALUE;
    List<SessionRow> items = new ArrayList<>();
    int scanned = 0;
    int position = offset;
    boolean exhausted = false;
    while (!exhausted && items.size() < limit && scanned < MAX_SCAN) {
      int chunk = Math.min(Math.max(limit, 50), MAX_SCAN - scanned);
      Page<ActiveSession> page =
          sessions.recentSessions(
              game, new TimelineQuery(from, Long.MAX_VALUE, chunk, position, true));
      List<ActiveSession> found = page.items();
      int used = 0;
      for (ActiveSession active : found) {
        used++;
        SessionRow row = row(sessions, game, active);
        if (filter.keeps(row, nowMs)) {
          items.add(row);
          if (items.size() == limit) {
            break;
          }
        }
      }
      position += used;
      scanned += used;
      exhausted = page.nextCursor().isEmpty() && used == found.size();
    }
    return new SessionsPage(
        game, limit, scanned, items, exhausted ? null : Integer.toString(position));
  }

  private static SessionRow row(SessionReader sessions, String game, ActiveSession active) {
    String id = active.sessionId();
    Optional<EmotionSnapshot> emotion = sessions.latestEmotion(game, id);
    Optional<NarrativeSnapshot> decision = sessions.latestNarrative(game, id);
    EmotionSnapshot e = emotion.orElse(null);
    NarrativeSnapshot d = decision.orElse(null);
    return new SessionRow(
        id,
        e != null ? e.playerId() : d != null ? d.playerId() : null,
        active.lastActiveMs(),
        e == null ? null : e.dominantEmotion(),
        e == null ? 0 : e.confidence(),
        e == null ? 0 : e.valence(),
        e == null ? 0 : e.arousal(),
        e == null ? 0 : dominantSince(sessions, game, id, e),
        d == null ? null : d.phase(),
        d == null ? 0 : d.phaseSinceMs(),
        d == null ? 0 : d.intensity(),
        d == null ? null : d.dialogueTone(),
        e != null ? e.sceneId() : d != null ? d.sceneId() : null,
        e != null ? e.characterId() : d != null ? d.characterId() : null);
  }

  /** The time of the oldest prediction of the unbroken run of the latest dominant emotion. */
  static long dominantSince(
      SessionReader sessions, String game, String session, EmotionSnapshot latest) {
    long since = latest.timestampMs();
    int offset = 0;
    while (offset < TimelineQuery.MAX_LIMIT) {
      Page<EmotionSnapshot> page =
          sessions.emotionTimeline(
              game,
              session,
              new TimelineQuery(
                  Long.MIN_VALUE, latest.timestampMs(), LOOK_BACK_CHUNK, offset, true));
      for (EmotionSnapshot s : page.items()) {
        if (!s.dominantEmotion().equals(latest.dominantEmotion())) {
          return since;
        }
        since = s.timestampMs();
      }
      if (page.nextCursor().isEmpty()) {
        return since;
      }
      offset += LOOK_BACK_CHUNK;
    }
    return since;
  }
}
