package dev.empath.llm.prompt;

import dev.empath.platform.config.EmpathConfig;
import java.util.Arrays;
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
    Arrays.stream(config.get("empath.llm.characters", "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(
            id -> {
              String p = "empath.llm.character." + id + ".";
              CharacterCard generic = CharacterCard.generic(id);
              cards.put(
                  id,
                  new CharacterCard(
                      id,
                      config.get(p + "name", id),
                      config.get(p + "persona", generic.persona()),
                      config.get(p + "style", generic.style())));
            });
    return new CharacterCards(cards);
  }

  public CharacterCard get(String characterId) {
    return cards.getOrDefault(characterId, CharacterCard.generic(characterId));
  }
}
