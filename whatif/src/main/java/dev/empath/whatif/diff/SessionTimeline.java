package dev.empath.whatif.diff;

import java.util.List;

/** One session's emotion and phase over time, production and candidate, for the report. */
public record SessionTimeline(
    String gameId,
    String sessionId,
    List<EmotionPoint> productionEmotion,
    List<EmotionPoint> candidateEmotion,
    List<PhasePoint> productionPhases,
    List<PhasePoint> candidatePhases) {

  public record EmotionPoint(long t, String emotion, double valence, double arousal) {}

  public record PhasePoint(long t, String phase, double difficulty, boolean hint) {}
}
