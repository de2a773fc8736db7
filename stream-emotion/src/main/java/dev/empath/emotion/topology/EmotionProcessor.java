package dev.empath.emotion.topology;

import dev.empath.emotion.EmotionSettings;
import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.features.SessionFeatures;
import dev.empath.emotion.model.Assessment;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds one behaviour event into its session's features and its player's baseline, asks the model,
 * and forwards a prediction keyed by session id when the rate limit allows.
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
final class EmotionProcessor
    implements Processor<String, PlayerBehaviorData, String, EmotionPrediction> {

  private static final Logger log = LoggerFactory.getLogger(EmotionProcessor.class);

  private final EmotionSettings settings;
  private final EmotionModel model;
  private ProcessorContext<String, EmotionPrediction> context;
  private KeyValueStore<String, PlayerState> players;

  EmotionProcessor(EmotionSettings settings, EmotionModel model) {
    this.settings = settings;
    this.model = model;
  }

  @Override
  public void init(ProcessorContext<String, EmotionPrediction> context) {
    this.context = context;
    this.players = context.getStateStore(EmotionTopology.PLAYER_STORE);
  }

  @Override
  public void process(Record<String, PlayerBehaviorData> record) {
    PlayerBehaviorData event = record.value();
    String sessionId = event.getSessionId();
    String playerKey = playerKey(event);
    PlayerState player = players.get(playerKey);
    if (player == null) {
      player = PlayerState.newPlayer();
    }
    PlayerBaseline baseline = player.baseline();
    SessionState state = player.session(sessionId).orElseGet(SessionState::initial);
    if (state.hasSeen(event.getEventId())) {
      log.debug("ignoring re-sent event {} of session {}", event.getEventId(), sessionId);
      return;
    }
    if (state.maxTimestampMs() >= 0
        && event.getTimestampMs() < state.maxTimestampMs() - settings.lateness().toMillis()) {
      log.debug(
          "dropping event {} of session {}: {} ms behind the session clock",
          event.getEventId(),
          sessionId,
          state.maxTimestampMs() - event.getTimestampMs());
      players.put(playerKey, player.with(baseline, sessionId, state.afterLateEvent()));
      return;
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
    players.put(
        playerKey,
        player.with(
            learned,
            sessionId,
            state.after(features, event.getTimestampMs(), event.getEventId(), emit, dominant)));
    if (emit) {
      EmotionPrediction prediction =
          Predictions.of(event, assessment, vector, features.eventsSeen(), clock, model.version());
      context.forward(new Record<>(sessionId, prediction, clock));
    }
  }

  /** Game and player: a player id is only unique within its game. */
  static String playerKey(PlayerBehaviorData event) {
    return event.getGameId() + "/" + event.getPlayerId();
  }
}
