package dev.empath.llm.prompt;

/**
 * Who a character is, from configuration: the persona the model plays.
 *
 * @param persona a few sentences of background and personality
 * @param style how the character speaks
 */
public record CharacterCard(String id, String name, String persona, String style) {

  /** A neutral card for characters without one. */
  public static CharacterCard generic(String id) {
    return new CharacterCard(
        id, "", "A companion travelling with the player.", "Short, natural sentences.");
  }
}
