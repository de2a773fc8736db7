package dev.empath.whatif.diff;

import dev.empath.emotion.labels.Evaluation;
import dev.empath.emotion.labels.LabelJoin;
import dev.empath.emotion.labels.LabelledMoment;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.validation.ContractValidators;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Production and the candidate judged against the labels of the range: each label meets each side's
 * prediction in force at its moment as {@code ./empath train} joins them ({@link LabelJoin}), and
 * only labels that met a prediction on both sides count, so both are judged on the same moments.
 *
 * @param available whether any label joined on both sides
 * @param labels labels in the range
 * @param joined labels judged
 * @param production production's accuracy, macro-F1 and confusion (rows labelled, columns
 *     predicted); null when not available
 * @param candidate the candidate's, likewise
 */
public record LabelComparison(
    boolean available,
    String note,
    long labels,
    long joined,
    Evaluation production,
    Evaluation candidate) {

  static final String TOPIC = "empath.emotion.label.v1";

  public static LabelComparison none() {
    return new LabelComparison(false, "no labels for this range on " + TOPIC, 0, 0, null, null);
  }

  public static LabelComparison of(
      List<EmotionLabel> labels, List<EmotionPrediction> prod, List<EmotionPrediction> cand) {
    if (labels.isEmpty()) {
      return none();
    }
    Map<String, LabelledMoment> p = byLabel(LabelJoin.join(labels, prod, LabelJoin.MAX_AGE_MS));
    Map<String, LabelledMoment> c = byLabel(LabelJoin.join(labels, cand, LabelJoin.MAX_AGE_MS));
    Set<String> both = p.keySet().stream().filter(c::containsKey).collect(Collectors.toSet());
    List<String> judged =
        labels.stream().map(EmotionLabel::getLabelId).filter(both::contains).distinct().toList();
    if (judged.isEmpty()) {
      return new LabelComparison(
          false,
          labels.size() + " labels on " + TOPIC + ", none met a prediction on both sides",
          labels.size(),
          0,
          null,
          null);
    }
    return new LabelComparison(
        true,
        String.format(
            java.util.Locale.ROOT,
            "%,d labels on %s, %,d judged (the session's latest prediction at most %d s before)",
            labels.size(),
            TOPIC,
            judged.size(),
            LabelJoin.MAX_AGE_MS / 1000),
        labels.size(),
        judged.size(),
        evaluate(judged, p),
        evaluate(judged, c));
  }

  private static Evaluation evaluate(List<String> judged, Map<String, LabelledMoment> side) {
    return Evaluation.of(
        ContractValidators.LABEL_EMOTIONS_IN_ORDER,
        judged.stream().map(id -> side.get(id).truth()).toList(),
        judged.stream().map(id -> side.get(id).current()).toList());
  }

  private static Map<String, LabelledMoment> byLabel(List<LabelledMoment> moments) {
    return moments.stream()
        .collect(
            Collectors.toMap(LabelledMoment::labelId, Function.identity(), (first, dup) -> first));
  }
}
