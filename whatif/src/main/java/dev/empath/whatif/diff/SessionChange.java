package dev.empath.whatif.diff;

/**
 * How much the candidate changed one session.
 *
 * @param emotionDisagreements production predictions whose dominant emotion the candidate did not
 *     share
 * @param decisionDifferences decisions differing or on one side only
 * @param story the command that shows the session's story over the range
 */
public record SessionChange(
    String gameId,
    String sessionId,
    long emotionDisagreements,
    long decisionDifferences,
    long productionHints,
    long candidateHints,
    String story) {

  public long score() {
    return emotionDisagreements + decisionDifferences;
  }
}
