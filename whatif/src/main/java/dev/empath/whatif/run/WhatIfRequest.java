package dev.empath.whatif.run;

import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.NarrativePolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One what-if: the range judged, the warm-up before it, the game (all games when empty) and the
 * candidates. A candidate that is absent runs as production does: the configured model, the
 * policies production accepted.
 *
 * @param runId names the shadow topics, application ids and state directories; a run with the same
 *     id first deletes what an earlier one left
 * @param keep leave the shadow topics (and groups) for inspection instead of deleting them
 */
public record WhatIfRequest(
    String runId,
    long fromMs,
    long toMs,
    Duration warmup,
    Optional<String> game,
    Optional<NarrativePolicy> policy,
    Optional<EmotionModelDocument> model,
    boolean keep) {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public WhatIfRequest {
    Objects.requireNonNull(warmup, "warmup");
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException(
          "run id '" + runId + "': use 1 to 64 letters, digits, '-' or '_'");
    }
    if (fromMs >= toMs) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("the warm-up must not be negative");
    }
  }

  /** Where the copied behaviour starts: the warm-up builds state and is not judged. */
  public long copyFromMs() {
    return Math.max(0, fromMs - warmup.toMillis());
  }

  public boolean inGame(String gameId) {
    return game.isEmpty() || game.get().equals(gameId);
  }
}
