package dev.empath.history.story;

import dev.empath.history.time.TimeSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * What part of which session's story to tell.
 *
 * @param game the game (tenant) the session belongs to
 * @param session the session id, the key of its records
 * @param fromMs first record timestamp shown, inclusive; {@link Long#MIN_VALUE} for all the topics
 *     hold
 * @param toMs last record timestamp shown, inclusive; {@link Long#MAX_VALUE} for up to now
 * @param after continue after this entry (a page's cursor); empty to start at {@code fromMs}
 * @param limit most entries returned; {@link Integer#MAX_VALUE} for all
 */
public record StoryRequest(
    String game, String session, long fromMs, long toMs, Optional<StoryPosition> after, int limit) {

  public StoryRequest {
    Objects.requireNonNull(after, "after");
    if (game == null || game.isBlank() || session == null || session.isBlank()) {
      throw new IllegalArgumentException("a game and a session are required");
    }
    if (fromMs > toMs) {
      throw new IllegalArgumentException(
          "the start " + TimeSpec.format(fromMs) + " is after the end " + TimeSpec.format(toMs));
    }
    if (limit < 1) {
      throw new IllegalArgumentException("the limit must be at least 1: " + limit);
    }
  }

  /** The whole story of a session in [{@code fromMs}, {@code toMs}]. */
  public static StoryRequest all(String game, String session, long fromMs, long toMs) {
    return new StoryRequest(game, session, fromMs, toMs, Optional.empty(), Integer.MAX_VALUE);
  }
}
