package dev.empath.llm.provider;

import dev.empath.schemas.v1.GenerationPurpose;
import java.util.List;

/**
 * The structured facts behind a prompt, so the offline provider can write a line without a model.
 *
 * @param facts remembered facts about the player, most important first
 */
public record Scene(
    GenerationPurpose purpose,
    String tone,
    String emotion,
    String characterName,
    List<String> facts,
    String playerText) {

  public Scene {
    facts = List.copyOf(facts);
  }
}
