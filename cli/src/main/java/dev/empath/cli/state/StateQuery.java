package dev.empath.cli.state;

import dev.empath.cli.tool.UserError;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.HistoryConsumers;
import dev.empath.history.time.TimeSpec;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.fold.FoldRules;
import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * One {@code state --at} question answered from the topics: the records it needs, folded with the
 * projector's fold and caps into memory, and the answer the API's {@code asOf} would give from
 * that. Returns a character, relationship or session view.
 *
 * @param character null for a session
 * @param player null for the character itself
 * @param session null for a character
 * @param memories memories in a relationship answer, as the API's {@code limit}
 */
public record StateQuery(
    String game, String character, String player, String session, long atMs, int memories) {

  /** Lines in a character answer, as the API's character endpoint. */
  static final int RECENT_LINES = 5;

  /** A session's emotion and narrative decision then; either may not exist yet. */
  public record SessionState(EmotionView emotion, NarrativeView narrative) {}

  /** What was read: the answer, records folded and records skipped because they do not decode. */
  public record Result(Object answer, long folded, long undecodable) {}

  public Result run(EmpathConfig config, boolean showProgress) {
    TopicCatalog catalog = TopicCatalog.withPrefix(config.topicPrefix());
    FoldRules rules = ProjectorSettings.from(config).rules();
    // The version number only names keys in memory; any version gives the same answer.
    Keyspace keys = new Keyspace(1);
    MomentFold fold = new MomentFold(new EventFold(keys, rules), atMs, answerKeys(keys)::contains);
    StateScan scan;
    try (Consumer<byte[], byte[]> consumer = HistoryConsumers.create(config, "empath-state")) {
      scan = new StateScan(new BoundedScan(consumer), new ProjectedTopics(catalog), showProgress);
      read(scan, catalog, fold);
    }
    StateAnswers answers = new StateAnswers(fold.store(), keys, atMs);
    return new Result(answer(answers), fold.folded(), scan.undecodable());
  }

  /** The histories the answer is read from. */
  private java.util.Set<String> answerKeys(Keyspace keys) {
    if (session != null) {
      return java.util.Set.of(
          keys.sessionTimeline(game, session), keys.sessionDecisions(game, session));
    }
    if (player != null) {
      return java.util.Set.of(
          keys.relationshipHistory(game, character, player),
          keys.memories(game, character, player));
    }
    return java.util.Set.of(
        keys.characterStateHistory(game, character), keys.characterLines(game, character));
  }

  private void read(StateScan scan, TopicCatalog catalog, MomentFold fold) {
    if (session != null) {
      scan.byKey(
          catalog.emotion(), session, e -> ((EmotionPrediction) e).getGameId().equals(game), fold);
      scan.byKey(
          catalog.narrative(),
          session,
          e -> ((NarrativeDecision) e).getGameId().equals(game),
          fold);
      return;
    }
    scan.byKey(
        catalog.interaction(),
        character,
        e -> {
          CharacterInteraction i = (CharacterInteraction) e;
          return i.getGameId().equals(game) && (player == null || i.getPlayerId().equals(player));
        },
        fold);
    if (player == null) {
      scan.upTo(
          catalog.generationResult(),
          atMs,
          character,
          e -> {
            GenerationResult r = (GenerationResult) e;
            return r.getGameId().equals(game) && r.getCharacterId().equals(character);
          },
          fold);
    }
  }

  private Object answer(StateAnswers answers) {
    String upTo = " up to " + TimeSpec.format(atMs);
    if (session != null) {
      Optional<EmotionView> emotion = answers.emotion(game, session);
      Optional<NarrativeView> narrative = answers.narrative(game, session);
      if (emotion.isEmpty() && narrative.isEmpty()) {
        throw new UserError(
            "no emotion or narrative decision of session " + session + " in game " + game + upTo);
      }
      return new SessionState(emotion.orElse(null), narrative.orElse(null));
    }
    if (player != null) {
      return answers
          .relationship(game, character, player, memories)
          .orElseThrow(
              () ->
                  new UserError(
                      "character "
                          + character
                          + " of game "
                          + game
                          + " had no interaction with player "
                          + player
                          + upTo));
    }
    return answers
        .character(game, character, RECENT_LINES)
        .orElseThrow(
            () ->
                new UserError(
                    "no interaction with character " + character + " in game " + game + upTo));
  }
}
