package dev.empath.query.character;

import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.SpokenLine;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A character's state, decayed to the time of the request, and the lines it said last.
 *
 * @param mood -1 (hurt, hostile) .. 1 (content)
 * @param tension 0 (at ease) .. 1 (on edge)
 */
@Serdeable
public record CharacterView(
    String gameId,
    String characterId,
    double mood,
    double tension,
    long interactions,
    long updatedAtMs,
    String lastPlayerId,
    String lastSceneId,
    List<LineView> recentLines) {

  /** A generated line the character said. */
  @Serdeable
  public record LineView(
      String requestId,
      String sessionId,
      String playerId,
      String purpose,
      String tone,
      String text,
      long completedAtMs) {

    static LineView of(SpokenLine l) {
      return new LineView(
          l.requestId(),
          l.sessionId(),
          l.playerId(),
          l.purpose(),
          l.tone(),
          l.text(),
          l.completedAtMs());
    }
  }

  public static CharacterView of(CharacterState s, List<SpokenLine> lines) {
    return new CharacterView(
        s.gameId(),
        s.characterId(),
        s.mood(),
        s.tension(),
        s.interactions(),
        s.updatedAtMs(),
        s.lastPlayerId(),
        s.lastSceneId(),
        lines.stream().map(LineView::of).toList());
  }
}
