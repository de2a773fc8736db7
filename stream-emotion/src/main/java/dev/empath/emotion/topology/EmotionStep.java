package dev.empath.emotion.topology;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.features.SessionFeatures;
import dev.empath.emotion.model.Assessment;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.prediction.Prediction;
import dev.empath.schemas.v1.PlayerBehaviorData;

/**
 * One behaviour event folded into a session and its player's baseline: a pure function of (state,
 * event), shared by both routings so they decide alike.
 *
 * <p>Order and lateness, deliberately: each session has an event-time clock (its newest event). An
 * event older than the clock by more than the allowed lateness is dropped and counted (the moment
 * it describes has passed; folding it in would distort the present). A less late event is folded in
 * (it is still recent behaviour) but cannot move the clock back: the prediction carries the clock's
 * time, and the rate limit judges on the clock, so a reordered event emits only if it changes the
 * dominant emotion. Cumulative counters (deaths, progress) only ever count increases, so reordering
 * never double-counts them. An event id seen among the session's last few events is a re-send and
 * is ignored.
 */
final class EmotionStep {

  /**
   * What one event did.
   *
   * @param baseline the player's baseline after the event
   * @param state the session's state after the event, or null when nothing changed (a re-send)
   * @param prediction the prediction to emit, or null when the rate limit holds it back
   */
  record Outcome(PlayerBaseline baseline, SessionState state, Prediction prediction) {}

  private final EmotionSettings settings;
  private final long latenessMs;

  EmotionStep(EmotionSettings settings) {
    this.settings = settings;
    this.latenessMs = settings.lateness().toMillis();
  }

  /**
   * @param model the model that governs the event's game now
   */
  Outcome apply(
      EmotionModel model, PlayerBaseline baseline, SessionState state, PlayerBehaviorData event) {
    long idHash = SessionState.idHash(event.getEventId());
    if (state.hasSeen(idHash)) {
      return new Outcome(baseline, null, null);
    }
    if (state.maxTimestampMs() >= 0
        && event.getTimestampMs() < state.maxTimestampMs() - latenessMs) {
      return new Outcome(baseline, state.afterLateEvent(), null);
    }

    SessionFeatures features = state.features().update(event, settings.featureAlpha());
    // Judge against the baseline as it was before this event, then let the event teach it.
    FeatureVector vector = FeatureVector.of(features, baseline);
    Assessment assessment = model.assess(vector, features.eventsSeen(), baseline.trust());
    PlayerBaseline learned =
        baseline.observe(
            SessionFeatures.logLatency(event),
            SessionFeatures.logActionRate(event),
            state.features().jitterOf(event));

    long clock = Math.max(state.maxTimestampMs(), event.getTimestampMs());
    String dominant = assessment.dominant().wireName();
    boolean emit = RateLimit.shouldEmit(state, clock, dominant, settings.emitInterval());
    SessionState next = state.after(features, event.getTimestampMs(), idHash, emit, dominant);
    Prediction prediction =
        emit
            ? new Prediction(
                event, assessment, vector, features.eventsSeen(), clock, model.version())
            : null;
    return new Outcome(learned, next, prediction);
  }

  /** Game and player: a player id is only unique within its game. */
  static String playerKey(PlayerBehaviorData event) {
    return event.getGameId() + "/" + event.getPlayerId();
  }
}
