package dev.empath.whatif.diff;

import dev.empath.history.time.TimeSpec;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The sessions the candidate changed most, and timelines of a few of them. */
final class SessionDiffs {

  private SessionDiffs() {}

  static List<SessionChange> mostChanged(
      SideRecords prod, SideRecords cand, long fromMs, long toMs, int limit) {
    Map<String, String> games = new HashMap<>();
    Map<String, Long> disagreements = new HashMap<>();
    Map<String, List<EmotionPrediction>> candBySession = new HashMap<>();
    Map<String, EmotionPrediction> candByEvent = new HashMap<>();
    for (EmotionPrediction c : cand.predictions()) {
      games.putIfAbsent(c.getSessionId(), c.getGameId());
      candBySession.computeIfAbsent(c.getSessionId(), s -> new ArrayList<>()).add(c);
      candByEvent.put(EmotionComparison.key(c), c);
    }
    candBySession.values().forEach(l -> l.sort(SessionTimes.PREDICTION_ORDER));
    for (EmotionPrediction p : prod.predictions()) {
      games.putIfAbsent(p.getSessionId(), p.getGameId());
      EmotionPrediction c = candByEvent.get(EmotionComparison.key(p));
      if (c == null) {
        c = SessionTimes.latestAtOrBefore(candBySession.get(p.getSessionId()), p.getTimestampMs());
      }
      if (c == null || !c.getDominantEmotion().equals(p.getDominantEmotion())) {
        disagreements.merge(p.getSessionId(), 1L, Long::sum);
      }
    }
    Map<String, List<NarrativeDecision>> prodDecisions = NarrativeStats.bySession(prod.decisions());
    Map<String, List<NarrativeDecision>> candDecisions = NarrativeStats.bySession(cand.decisions());
    Set<String> sessions = new TreeSet<>(games.keySet());
    sessions.addAll(prodDecisions.keySet());
    sessions.addAll(candDecisions.keySet());
    List<SessionChange> out = new ArrayList<>();
    for (String s : sessions) {
      List<NarrativeDecision> a = prodDecisions.getOrDefault(s, List.of());
      List<NarrativeDecision> b = candDecisions.getOrDefault(s, List.of());
      String game =
          games.getOrDefault(
              s, a.isEmpty() ? (b.isEmpty() ? "" : b.get(0).getGameId()) : a.get(0).getGameId());
      SessionChange change =
          new SessionChange(
              game,
              s,
              disagreements.getOrDefault(s, 0L),
              NarrativeComparison.differences(a, b, NarrativeDecision::getDecisionId),
              a.stream().filter(NarrativeDecision::getOfferHint).count(),
              b.stream().filter(NarrativeDecision::getOfferHint).count(),
              story(game, s, fromMs, toMs));
      if (change.score() > 0) {
        out.add(change);
      }
    }
    out.sort(
        Comparator.comparingLong(SessionChange::score)
            .reversed()
            .thenComparing(SessionChange::sessionId));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /** Timelines of the first {@code count} sessions of {@code changed}, else of any sessions. */
  static List<SessionTimeline> examples(
      SideRecords prod, SideRecords cand, List<SessionChange> changed, int count) {
    Set<String> chosen = new java.util.LinkedHashSet<>();
    changed.forEach(c -> chosen.add(c.sessionId()));
    prod.predictions().forEach(p -> chosen.add(p.getSessionId()));
    List<SessionTimeline> out = new ArrayList<>();
    for (String s : chosen) {
      if (out.size() == count) {
        break;
      }
      out.add(timeline(prod, cand, s));
    }
    return out;
  }

  private static SessionTimeline timeline(SideRecords prod, SideRecords cand, String session) {
    String game =
        prod.predictions().stream()
            .filter(p -> p.getSessionId().equals(session))
            .map(EmotionPrediction::getGameId)
            .findFirst()
            .orElse("");
    return new SessionTimeline(
        game,
        session,
        emotion(prod, session),
        emotion(cand, session),
        phases(prod, session),
        phases(cand, session));
  }

  private static List<SessionTimeline.EmotionPoint> emotion(SideRecords side, String session) {
    return side.predictions().stream()
        .filter(p -> p.getSessionId().equals(session))
        .sorted(SessionTimes.PREDICTION_ORDER)
        .map(
            p ->
                new SessionTimeline.EmotionPoint(
                    p.getTimestampMs(), p.getDominantEmotion(), p.getValence(), p.getArousal()))
        .toList();
  }

  private static List<SessionTimeline.PhasePoint> phases(SideRecords side, String session) {
    return side.decisions().stream()
        .filter(d -> d.getSessionId().equals(session))
        .sorted(Comparator.comparingLong(NarrativeDecision::getTimestampMs))
        .map(
            d ->
                new SessionTimeline.PhasePoint(
                    d.getTimestampMs(),
                    NarrativeStats.phase(d.getPhase()),
                    d.getDifficultyAdjustment(),
                    d.getOfferHint()))
        .toList();
  }

  /** The command line of the session's story (issue 20's {@code ./empath story}). */
  static String story(String game, String session, long fromMs, long toMs) {
    return "./empath story --game "
        + game
        + " --session "
        + session
        + " --from "
        + TimeSpec.format(fromMs)
        + " --to "
        + TimeSpec.format(toMs);
  }
}
