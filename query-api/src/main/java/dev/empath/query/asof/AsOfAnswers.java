package dev.empath.query.asof;

import dev.empath.query.character.CharacterView;
import dev.empath.query.character.RelationshipView;
import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.asof.AsOf;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The {@code asOf=} answers of the character, relationship and session endpoints, read from the
 * capped histories. A moment older than a full history is a 404 that says from when this API can
 * answer for that entity and names the command that answers from the topics.
 */
@Singleton
public class AsOfAnswers {

  /** The OpenAPI description of the {@code asOf} parameter. */
  public static final String PARAMETER =
      "the moment to answer for: epoch ms or ISO-8601 instant, not in the future; answered from"
          + " the capped history, 404 naming `./empath state` when older than what is kept";

  private final LongSupplier clock;

  public AsOfAnswers() {
    this(System::currentTimeMillis);
  }

  AsOfAnswers(LongSupplier clock) {
    this.clock = clock;
  }

  /** The {@code asOf} parameter: epoch ms or ISO-8601, not in the future. */
  public long moment(String asOf) {
    long at = Params.time("asOf", asOf, Long.MIN_VALUE);
    if (at == Long.MIN_VALUE) {
      throw ProblemException.badRequest("asOf must not be empty");
    }
    if (at > clock.getAsLong()) {
      throw ProblemException.badRequest("asOf " + iso(at) + " is in the future");
    }
    return at;
  }

  public CharacterView character(
      ReadModel readModel, String game, String character, String asOf, int lines) {
    long at = moment(asOf);
    return answer(
            readModel.asOf().character(game, character, at, lines),
            at,
            "no state known for this character at " + iso(at),
            "character " + character + " of game " + game,
            "--game " + game + " --character " + character)
        .map(c -> CharacterView.of(c.state(), c.lines()));
  }

  public RelationshipView relationship(
      ReadModel readModel,
      String game,
      String character,
      String player,
      String asOf,
      int memories) {
    long at = moment(asOf);
    return answer(
            readModel.asOf().relationship(game, character, player, at, memories),
            at,
            "this character had not interacted with the player by " + iso(at),
            "character " + character + " and player " + player + " of game " + game,
            "--game " + game + " --character " + character + " --player " + player)
        .map(r -> RelationshipView.of(r.relationship(), r.memories()));
  }

  public EmotionView emotion(ReadModel readModel, String game, String session, String asOf) {
    long at = moment(asOf);
    return answer(
            readModel.asOf().emotion(game, session, at),
            at,
            "no emotion known for this session at " + iso(at),
            "the emotions of session " + session + " of game " + game,
            "--game " + game + " --session " + session)
        .map(EmotionView::of);
  }

  public NarrativeView narrative(ReadModel readModel, String game, String session, String asOf) {
    long at = moment(asOf);
    return answer(
            readModel.asOf().narrative(game, session, at),
            at,
            "no narrative decision known for this session at " + iso(at),
            "the narrative decisions of session " + session + " of game " + game,
            "--game " + game + " --session " + session)
        .map(NarrativeView::of);
  }

  /** A found value, wrapped so the caller maps it to its view. */
  private record Answer<T>(T value) {
    <R> R map(java.util.function.Function<T, R> f) {
      return f.apply(value);
    }
  }

  private static <T> Answer<T> answer(
      AsOf<T> asOf, long at, String notYet, String entity, String stateArgs) {
    if (asOf instanceof AsOf.Found<T> found) {
      return new Answer<>(found.value());
    }
    if (asOf instanceof AsOf.BeyondKept<T> beyond) {
      throw ProblemException.notFound(
          iso(at)
              + " is older than the history this API keeps for "
              + entity
              + ": it can see back to "
              + iso(beyond.visibleFromMs())
              + ". Every moment the topics hold: ./empath state "
              + stateArgs
              + " --at "
              + iso(at));
    }
    throw ProblemException.notFound(notYet);
  }

  static String iso(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }
}
