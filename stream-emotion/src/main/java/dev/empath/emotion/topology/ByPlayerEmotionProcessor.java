package dev.empath.emotion.topology;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.prediction.Prediction;
import dev.empath.emotion.publish.ModelTopics;
import dev.empath.emotion.publish.PublishedModels;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.PlayerBehaviorData;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code BY_PLAYER} routing: records arrive keyed by game/player, and one store entry per player
 * holds the baseline and the player's recent sessions. See {@link EmotionStep} for the per-event
 * rules.
 */
final class ByPlayerEmotionProcessor
    implements Processor<String, PlayerBehaviorData, String, Prediction> {

  private static final Logger log = LoggerFactory.getLogger(ByPlayerEmotionProcessor.class);

  private final EmotionStep step;
  private final EmotionModel configured;
  private final Deserializer<EmotionModelDocument> documents;
  private PublishedModels models;
  private ProcessorContext<String, Prediction> context;
  private WriteBehindTable<PlayerState> players;

  ByPlayerEmotionProcessor(
      EmotionSettings settings,
      EmotionModel configured,
      Deserializer<EmotionModelDocument> documents) {
    this.step = new EmotionStep(settings);
    this.configured = configured;
    this.documents = documents;
  }

  @Override
  public void init(ProcessorContext<String, Prediction> context) {
    this.context = context;
    this.models =
        new PublishedModels(context.getStateStore(ModelTopics.MODEL_STORE), documents, configured);
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
    SessionState state = player.session(sessionId).orElseGet(SessionState::initial);
    EmotionStep.Outcome outcome =
        step.apply(models.forGame(event.getGameId()), player.baseline(), state, event);
    if (outcome.state() == null) {
      log.debug("ignoring re-sent event {} of session {}", event.getEventId(), sessionId);
      return;
    }
    players.put(playerKey, player.with(outcome.baseline(), sessionId, outcome.state()));
    if (outcome.prediction() != null) {
      context.forward(
          new Record<>(sessionId, outcome.prediction(), outcome.prediction().timestampMs()));
    }
  }

  /** Game and player: a player id is only unique within its game. */
  static String playerKey(PlayerBehaviorData event) {
    return EmotionStep.playerKey(event);
  }

  @Override
  public void close() {
    models.close();
  }
}
