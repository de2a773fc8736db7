package dev.empath.whatif.diff;

import java.util.List;

/**
 * Every figure of the comparison of the candidate with production over the same range.
 *
 * @param labels accuracy and macro-F1 against labelled data: absent until labels exist for a range
 *     (the models issue adds them); the place they will go
 * @param costAssumption how generation costs were estimated
 */
public record WhatIfDiff(
    EmotionComparison emotion,
    NarrativeComparison narrative,
    List<SessionChange> mostChanged,
    List<SessionTimeline> examples,
    Labels labels,
    String costAssumption) {

  /** Accuracy and macro-F1 of both sides where labels exist; none are read yet. */
  public record Labels(boolean available, String note) {
    public static Labels none() {
      return new Labels(false, "no labels for this range on empath.emotion.label.v1");
    }
  }

  /** Sessions listed in {@link #mostChanged}. */
  public static final int MOST_CHANGED = 10;

  /** Sessions drawn as timelines in the report. */
  public static final int EXAMPLES = 3;

  public static WhatIfDiff of(
      SideRecords production, SideRecords candidate, long fromMs, long toMs, CostEstimate cost) {
    List<SessionChange> changed =
        SessionDiffs.mostChanged(production, candidate, fromMs, toMs, MOST_CHANGED);
    return new WhatIfDiff(
        EmotionComparison.of(production.predictions(), candidate.predictions()),
        NarrativeComparison.of(production, candidate, cost),
        changed,
        SessionDiffs.examples(production, candidate, changed, EXAMPLES),
        Labels.none(),
        cost.assumption());
  }
}
