package dev.empath.readmodel.asof;

import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.SpokenLine;
import java.util.List;

/**
 * A character as of a moment.
 *
 * @param state mood and tension decayed to the moment
 * @param lines the newest lines it had said by then, newest first
 */
public record CharacterAt(CharacterState state, List<SpokenLine> lines) {

  public CharacterAt {
    lines = List.copyOf(lines);
  }
}
