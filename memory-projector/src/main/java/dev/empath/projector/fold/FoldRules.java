package dev.empath.projector.fold;

import dev.empath.readmodel.asof.HistoryCaps;

/**
 * Sizes of the capped histories.
 *
 * @param timelineCap emotion timeline entries kept per session
 * @param memoryCap memories kept per character and player
 * @param linesCap generated lines kept per character
 * @param historyCap past values kept per session (narrative decisions), per character (states) and
 *     per character and player (relationships): how far back {@code asOf} reads can see
 * @param sessionsCap most recently active sessions listed per game
 */
public record FoldRules(
    int timelineCap, int memoryCap, int linesCap, int historyCap, int sessionsCap) {

  public static final FoldRules DEFAULT = new FoldRules(500, 50, 100, 200, 10_000);

  public FoldRules {
    if (timelineCap < 1 || memoryCap < 1 || linesCap < 1 || historyCap < 1 || sessionsCap < 1) {
      throw new IllegalArgumentException("caps must be >= 1");
    }
  }

  /** The default history sizes with other emotion-timeline, memory and line caps. */
  public FoldRules(int timelineCap, int memoryCap, int linesCap) {
    this(timelineCap, memoryCap, linesCap, DEFAULT_HISTORY_CAP, DEFAULT_SESSIONS_CAP);
  }

  /** The caps as readers of a keyspace need them, to tell a full history from one that is not. */
  public HistoryCaps historyCaps() {
    return new HistoryCaps(timelineCap, memoryCap, linesCap, historyCap);
  }

  static final int DEFAULT_HISTORY_CAP = 200;
  static final int DEFAULT_SESSIONS_CAP = 10_000;
}
