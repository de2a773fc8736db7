package dev.empath.whatif.diff;

import dev.empath.schemas.v1.EmotionLabel;
import java.util.List;

/**
 * Every figure of the comparison of the candidate with production over the same range.
 *
 * @param labels accuracy and macro-F1 of both sides against the range's labels, where there are
 * @param costAssumption how generation costs were estimated
 */
public record WhatIfDiff(
    EmotionComparison emotion,
    NarrativeComparison narrative,
    List<SessionChange> mostChanged,
    List<SessionTimeline> examples,
    LabelComparison labels,
    String costAssumption) {

  /** Sessions listed in {@link #mostChanged}. */
  public static final int MOST_CHANGED = 10;

  /** Sessions drawn as timelines in the report. */
  public static final int EXAMPLES = 3;

  public static WhatIfDiff of(
      SideRecords production, SideRecords candidate, long fromMs, long toMs, CostEstimate cost) {
    return of(production, candidate, List.of(), fromMs, toMs, cost);
  }

  /** The comparison, judging both sides by {@code labels} (those of the range) too. */
  public static WhatIfDiff of(
      SideRecords production,
      SideRecords candidate,
      List<EmotionLabel> labels,
      long fromMs,
      long toMs,
      CostEstimate cost) {
    List<SessionChange> changed =
        SessionDiffs.mostChanged(production, candidate, fromMs, toMs, MOST_CHANGED);
    return new WhatIfDiff(
        EmotionComparison.of(production.predictions(), candidate.predictions()),
        NarrativeComparison.of(production, candidate, cost),
        changed,
        SessionDiffs.examples(production, candidate, changed, EXAMPLES),
        LabelComparison.of(labels, production.predictions(), candidate.predictions()),
        cost.assumption());
  }
}
