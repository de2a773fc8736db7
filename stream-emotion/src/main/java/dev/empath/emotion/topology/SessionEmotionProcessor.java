package dev.empath.emotion.topology;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.publish.ModelTopics;
import dev.empath.emotion.publish.PublishedModels;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code BY_SESSION} routing: records are processed on the partition they arrive on, one store
 * entry per session. A session new to this task starts from its player's last published baseline
 * (the global baselines store) or the population prior, and publishes what it has learned every
 * {@link EmotionSettings#baselinePublishEvents()} events of the player. See {@link EmotionStep} for
 * the per-event rules.
 *
 * <p>Forwards predictions to {@link EmotionTopology#EMOTION_SINK} and baselines to {@link
 * EmotionTopology#BASELINE_SINK}: two children with different value types, hence {@code Object}.
 */
final class SessionEmotionProcessor
    implements Processor<String, PlayerBehaviorData, String, Object> {

  private static final Logger log = LoggerFactory.getLogger(SessionEmotionProcessor.class);

  /** How often, in stream time, idle sessions are looked for. */
  static final Duration EVICTION_INTERVAL = Duration.ofMinutes(1);

  private final EmotionSettings settings;
  private final EmotionStep step;
  private final EmotionModel configured;
  private final Deserializer<EmotionModelDocument> documents;
  private PublishedModels models;
  private ProcessorContext<String, Object> context;
  private WriteBehindTable<SessionRecord> sessions;
  private KeyValueStore<String, PlayerBaseline> baselines;

  SessionEmotionProcessor(
      EmotionSettings settings,
      EmotionModel configured,
      Deserializer<EmotionModelDocument> documents) {
    this.settings = settings;
    this.step = new EmotionStep(settings);
    this.configured = configured;
    this.documents = documents;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.models =
        new PublishedModels(context.getStateStore(ModelTopics.MODEL_STORE), documents, configured);
    this.sessions = context.getStateStore(EmotionTopology.SESSION_STORE);
    this.baselines = context.getStateStore(EmotionTopology.BASELINE_STORE);
    // Stream time, not wall-clock: a replay of history evicts exactly as live processing did.
    context.schedule(EVICTION_INTERVAL, PunctuationType.STREAM_TIME, this::evictIdleSessions);
  }

  @Override
  public void process(Record<String, PlayerBehaviorData> record) {
    PlayerBehaviorData event = record.value();
    String sessionId = event.getSessionId();
    SessionRecord session = sessions.get(sessionId);
    if (session == null) {
      String playerKey = EmotionStep.playerKey(event);
      PlayerBaseline published = baselines.get(playerKey);
      session =
          new SessionRecord(
              playerKey,
              published == null ? PlayerBaseline.prior() : published,
              SessionState.initial(),
              context.currentStreamTimeMs());
    }
    EmotionStep.Outcome outcome =
        step.apply(models.forGame(event.getGameId()), session.baseline(), session.state(), event);
    if (outcome.state() == null) {
      log.debug("ignoring re-sent event {} of session {}", event.getEventId(), sessionId);
      return;
    }
    SessionRecord next =
        new SessionRecord(
            session.playerKey(),
            outcome.baseline(),
            outcome.state(),
            context.currentStreamTimeMs());
    sessions.put(sessionId, next);
    if (outcome.prediction() != null) {
      context.forward(
          new Record<String, Object>(
              sessionId, outcome.prediction(), outcome.prediction().timestampMs()),
          EmotionTopology.EMOTION_SINK);
    }
    long learned = outcome.baseline().observations();
    if (learned != session.baseline().observations()
        && learned % settings.baselinePublishEvents() == 0) {
      context.forward(
          new Record<String, Object>(session.playerKey(), outcome.baseline(), record.timestamp()),
          EmotionTopology.BASELINE_SINK);
    }
  }

  /** Forgets sessions without an event for longer than the idle limit, in stream time. */
  private void evictIdleSessions(long streamTimeMs) {
    long cutoff = streamTimeMs - settings.sessionIdle().toMillis();
    int forgotten = sessions.deleteIf(session -> session.lastActiveMs() < cutoff);
    if (forgotten > 0) {
      log.debug("forgot {} sessions idle since before {}", forgotten, cutoff);
    }
  }

  @Override
  public void close() {
    models.close();
  }
}
