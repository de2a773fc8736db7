package dev.empath.narrative.content;

import dev.empath.narrative.director.Changes;
import dev.empath.schemas.v1.ContentTrigger;
import dev.empath.schemas.v1.EmotionContext;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PacingPhase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a decision into generation requests where the policy's content triggers ask for new
 * content: a hint when one is offered, an NPC line when the tone changes to a given tone, a scene
 * description when a phase is entered. A session's first decision counts as entering its phase and
 * tone. At most one request per purpose per decision (the first matching trigger wins), which is
 * what makes the request id — derived from session, decision and purpose — unique and
 * replay-stable.
 */
public final class ContentTriggers {

  /** Used when a trigger leaves them at 0. */
  static final int DEFAULT_MAX_TOKENS = 150;

  static final long DEFAULT_DEADLINE_MS = 3_000;

  private ContentTriggers() {}

  /**
   * @param playerText the player's last words to the decision's character ("" if none): the text an
   *     NPC answers and the cue the worker ranks the character's memories by
   */
  public static List<GenerationRequest> requestsFor(
      NarrativeDecision decision,
      Changes changes,
      EmotionPrediction prediction,
      NarrativePolicy policy,
      String playerText) {
    List<GenerationRequest> out = new ArrayList<>();
    Set<GenerationPurpose> done = EnumSet.noneOf(GenerationPurpose.class);
    for (ContentTrigger trigger : policy.getContentTriggersList()) {
      if (fires(trigger, decision, changes) && done.add(trigger.getPurpose())) {
        out.add(request(trigger, decision, prediction, playerText));
      }
    }
    return out;
  }

  static boolean fires(ContentTrigger trigger, NarrativeDecision decision, Changes changes) {
    if (trigger.getOnHint() && decision.getOfferHint()) {
      return true;
    }
    boolean toneEntered = changes.first() || changes.toneChanged();
    if (!trigger.getOnToneChangeTo().isEmpty()
        && toneEntered
        && trigger.getOnToneChangeTo().equals(decision.getDialogueTone())) {
      return true;
    }
    boolean phaseEntered = changes.first() || changes.phaseChanged();
    return trigger.getOnPhaseEnter() != PacingPhase.PACING_PHASE_UNSPECIFIED
        && phaseEntered
        && trigger.getOnPhaseEnter() == decision.getPhase();
  }

  /** Deterministic: the same session, decision and purpose always give the same id. */
  public static String requestId(String sessionId, String decisionId, GenerationPurpose purpose) {
    String seed = "generation|" + sessionId + "|" + decisionId + "|" + purpose.name();
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static GenerationRequest request(
      ContentTrigger trigger,
      NarrativeDecision decision,
      EmotionPrediction prediction,
      String playerText) {
    long deadline = trigger.getDeadlineMs() > 0 ? trigger.getDeadlineMs() : DEFAULT_DEADLINE_MS;
    int maxTokens = trigger.getMaxTokens() > 0 ? trigger.getMaxTokens() : DEFAULT_MAX_TOKENS;
    return GenerationRequest.newBuilder()
        .setRequestId(
            requestId(decision.getSessionId(), decision.getDecisionId(), trigger.getPurpose()))
        .setGameId(decision.getGameId())
        .setSessionId(decision.getSessionId())
        .setPlayerId(decision.getPlayerId())
        .setCharacterId(decision.getCharacterId())
        .setSceneId(decision.getSceneId())
        .setPurpose(trigger.getPurpose())
        .setTone(decision.getDialogueTone())
        .setEmotion(
            EmotionContext.newBuilder()
                .setDominantEmotion(prediction.getDominantEmotion())
                .setConfidence(prediction.getConfidence())
                .setValence(prediction.getValence())
                .setArousal(prediction.getArousal()))
        .setPhase(decision.getPhase())
        .setIntensity(decision.getIntensity())
        .setCreatedAtMs(decision.getTimestampMs())
        .setDeadlineMs(decision.getTimestampMs() + deadline)
        .setMaxTokens(maxTokens)
        .setDecisionId(decision.getDecisionId())
        .setPolicyVersion(decision.getPolicyVersion())
        .setPlayerText(playerText)
        .build();
  }
}
