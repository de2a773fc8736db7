package dev.empath.narrative.content;

import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.validation.Limits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a player last said to each character in a session, from the interaction topic: the text a
 * generation request for that character carries as {@code player_text}, so the NPC answers it and
 * the worker ranks the character's memories by relevance to it.
 *
 * @param said the newest words per character, newest first, at most {@link #MAX_CHARACTERS}
 */
public record LastWords(List<Said> said) {

  /** Characters remembered per session; older ones are forgotten first. */
  public static final int MAX_CHARACTERS = 8;

  /** Words a player said to a character at a time (event time of the interaction). */
  public record Said(String characterId, String text, long timestampMs) {}

  public LastWords {
    said = List.copyOf(said);
  }

  public static LastWords none() {
    return new LastWords(List.of());
  }

  /** Whether an interaction carries words worth keeping: the player said something to someone. */
  public static boolean spoken(CharacterInteraction i) {
    return i != null
        && !i.getPlayerText().isBlank()
        && !i.getCharacterId().isEmpty()
        && !i.getSessionId().isEmpty();
  }

  /** These words with {@code i}'s, unless an interaction with that character is already newer. */
  public LastWords with(CharacterInteraction i) {
    if (!spoken(i) || i.getTimestampMs() < at(i.getCharacterId())) {
      return this;
    }
    String text = i.getPlayerText().strip();
    if (text.length() > Limits.MAX_PLAYER_TEXT) {
      text = text.substring(0, Limits.MAX_PLAYER_TEXT);
    }
    List<Said> out = new ArrayList<>(said.size() + 1);
    out.add(new Said(i.getCharacterId(), text, i.getTimestampMs()));
    for (Said s : said) {
      if (!s.characterId().equals(i.getCharacterId())) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparingLong(Said::timestampMs).reversed());
    return new LastWords(out.subList(0, Math.min(MAX_CHARACTERS, out.size())));
  }

  /** The player's last words to {@code characterId}, or "" if none are known. */
  public String to(String characterId) {
    for (Said s : said) {
      if (s.characterId().equals(characterId)) {
        return s.text();
      }
    }
    return "";
  }

  private long at(String characterId) {
    for (Said s : said) {
      if (s.characterId().equals(characterId)) {
        return s.timestampMs();
      }
    }
    return Long.MIN_VALUE;
  }
}
