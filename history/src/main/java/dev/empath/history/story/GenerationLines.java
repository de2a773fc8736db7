package dev.empath.history.story;

import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import java.util.Locale;
import java.util.Map;

/** What a generation request asked for and what its result answered. */
final class GenerationLines {

  private static final int MAX_SHOWN_TEXT = 160;

  private GenerationLines() {}

  static Said request(GenerationRequest r) {
    StringBuilder text = new StringBuilder(purpose(r.getPurpose()));
    if (!r.getCharacterId().isEmpty()) {
      text.append(" for ").append(r.getCharacterId());
    }
    if (!r.getTone().isEmpty()) {
      text.append(", tone ").append(r.getTone());
    }
    if (r.getDeadlineMs() > 0 && r.getCreatedAtMs() > 0) {
      text.append(", answer within ").append(r.getDeadlineMs() - r.getCreatedAtMs()).append(" ms");
    }
    text.append(" (").append(r.getRequestId()).append(')');
    Map<String, Object> fields =
        new Fields()
            .text("requestId", r.getRequestId())
            .text("playerId", r.getPlayerId())
            .text("purpose", purpose(r.getPurpose()))
            .text("characterId", r.getCharacterId())
            .text("sceneId", r.getSceneId())
            .text("tone", r.getTone())
            .number("deadlineMs", r.getDeadlineMs())
            .number("maxTokens", r.getMaxTokens())
            .text("model", r.getModel())
            .text("decisionId", r.getDecisionId())
            .text("policyVersion", r.getPolicyVersion())
            .build();
    return new Said(text.toString(), fields);
  }

  static Said result(GenerationResult r) {
    String status = status(r.getStatus());
    StringBuilder text = new StringBuilder(status);
    if (!r.getText().isEmpty()) {
      text.append(" \"").append(shown(r.getText())).append('"');
    }
    if (!r.getProvider().isEmpty()) {
      text.append(" via ").append(r.getProvider());
      if (!r.getModel().isEmpty()) {
        text.append('/').append(r.getModel());
      }
    }
    text.append(String.format(Locale.ROOT, " in %d ms", r.getLatencyMs()));
    if (r.getCached()) {
      text.append(", cached");
    }
    if (!r.getReason().isEmpty()) {
      text.append("; ").append(r.getReason());
    }
    Map<String, Object> fields =
        new Fields()
            .text("requestId", r.getRequestId())
            .text("playerId", r.getPlayerId())
            .text("purpose", purpose(r.getPurpose()))
            .text("characterId", r.getCharacterId())
            .text("status", status)
            .text("text", r.getText())
            .text("provider", r.getProvider())
            .text("model", r.getModel())
            .number("latencyMs", r.getLatencyMs())
            .flag("cached", r.getCached())
            .number("tokensIn", r.getTokensIn())
            .number("tokensOut", r.getTokensOut())
            .text("reason", r.getReason())
            .text("tone", r.getTone())
            .build();
    return new Said(text.toString(), fields);
  }

  static String purpose(GenerationPurpose purpose) {
    return switch (purpose) {
      case GENERATION_PURPOSE_NPC_LINE -> "npc-line";
      case GENERATION_PURPOSE_SCENE_DESCRIPTION -> "scene-description";
      case GENERATION_PURPOSE_HINT -> "hint";
      default -> "unspecified";
    };
  }

  static String status(GenerationStatus status) {
    return switch (status) {
      case GENERATION_STATUS_SUCCEEDED -> "succeeded";
      case GENERATION_STATUS_FAILED -> "failed";
      default -> "unspecified";
    };
  }

  /** One line: newlines flattened, long answers cut (the JSON keeps the whole text). */
  private static String shown(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_SHOWN_TEXT ? flat : flat.substring(0, MAX_SHOWN_TEXT) + "...";
  }
}
