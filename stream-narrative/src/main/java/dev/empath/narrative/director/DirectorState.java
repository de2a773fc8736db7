package dev.empath.narrative.director;

import dev.empath.schemas.v1.PacingPhase;

/**
 * What the director remembers about one session between two emotion predictions. Immutable: each
 * step of {@link PacingDirector} returns a new state.
 *
 * @param policyVersion version of the policy that made the last step
 * @param phase current pacing phase
 * @param phaseSinceMs event time the phase was entered
 * @param intensity 0..1, raised by arousal and negative valence, decaying over time
 * @param lastEventMs event time of the latest prediction seen (never goes backwards)
 * @param difficulty current smoothed difficulty adjustment
 * @param emittedDifficulty difficulty adjustment of the last emitted decision
 * @param tone dialogue tone in force (last emitted)
 * @param pendingTone a different tone proposed by recent predictions, not yet confirmed ("" none)
 * @param pendingToneCount how many consecutive predictions proposed {@code pendingTone}
 * @param strugglingSinceMs since when the hint emotion has been present; -1 when it is not
 * @param lastHintMs when the last hint was offered; -1 never
 * @param decisions number of decisions emitted for the session
 */
public record DirectorState(
    String policyVersion,
    PacingPhase phase,
    long phaseSinceMs,
    double intensity,
    long lastEventMs,
    double difficulty,
    double emittedDifficulty,
    String tone,
    String pendingTone,
    int pendingToneCount,
    long strugglingSinceMs,
    long lastHintMs,
    long decisions) {

  public static final long NEVER = -1L;

  /** The state of a session before its first prediction. */
  public static DirectorState start(long nowMs) {
    return new DirectorState(
        "", PacingPhase.PACING_PHASE_BUILD_UP, nowMs, 0, nowMs, 0, 0, "", "", 0, NEVER, NEVER, 0);
  }
}
