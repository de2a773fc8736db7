package dev.empath.llm.prompt;

import dev.empath.llm.config.LlmWorkerConfigKeys;
import dev.empath.platform.config.EmpathConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Character cards from configuration: {@code empath.llm.characters=aria,bram} and per id {@code
 * empath.llm.character.<id>.name}, {@code .persona}, {@code .style}.
 */
public final class CharacterCards {

  private final Map<String, CharacterCard> cards;

  public CharacterCards(Map<String, CharacterCard> cards) {
    this.cards = Map.copyOf(cards);
  }

  public static CharacterCards from(EmpathConfig config) {
    Map<String, CharacterCard> cards = new HashMap<>();
    for (String id : config.get(LlmWorkerConfigKeys.CHARACTERS)) {
      CharacterCard generic = CharacterCard.generic(id);
      cards.put(
          id,
          new CharacterCard(
              id,
              config.find(LlmWorkerConfigKeys.CHARACTER_NAME.at(id)).orElse(id),
              config.find(LlmWorkerConfigKeys.CHARACTER_PERSONA.at(id)).orElse(generic.persona()),
              config.find(LlmWorkerConfigKeys.CHARACTER_STYLE.at(id)).orElse(generic.style())));
    }
    return new CharacterCards(cards);
  }

  public CharacterCard get(String characterId) {
    return cards.getOrDefault(characterId, CharacterCard.generic(characterId));
  }
}
