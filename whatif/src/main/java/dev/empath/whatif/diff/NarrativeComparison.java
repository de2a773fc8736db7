package dev.empath.whatif.diff;

import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Production's narrative against the candidate's.
 *
 * @param decisionDifferences decisions (matched by their deterministic id, made from the session
 *     and the prediction) that differ in any field or exist on one side only
 * @param requestDifferences the same for generation requests, their {@code player_text} aside: it
 *     quotes the interactions that had reached the session's table when the decision was made, a
 *     timing a replay does not reproduce
 */
public record NarrativeComparison(
    NarrativeStats production,
    NarrativeStats candidate,
    long decisionDifferences,
    long requestDifferences) {

  public static NarrativeComparison of(SideRecords prod, SideRecords cand, CostEstimate cost) {
    return new NarrativeComparison(
        NarrativeStats.of(prod, cost),
        NarrativeStats.of(cand, cost),
        differences(prod.decisions(), cand.decisions(), NarrativeDecision::getDecisionId),
        differences(
            withoutPlayerText(prod.requests()),
            withoutPlayerText(cand.requests()),
            GenerationRequest::getRequestId));
  }

  private static List<GenerationRequest> withoutPlayerText(List<GenerationRequest> requests) {
    return requests.stream().map(r -> r.toBuilder().clearPlayerText().build()).toList();
  }

  static <T> long differences(List<T> a, List<T> b, java.util.function.Function<T, String> id) {
    Map<String, T> left = new HashMap<>();
    a.forEach(x -> left.put(id.apply(x), x));
    Map<String, T> right = new HashMap<>();
    b.forEach(x -> right.put(id.apply(x), x));
    long differing = 0;
    for (Map.Entry<String, T> e : left.entrySet()) {
      if (!e.getValue().equals(right.get(e.getKey()))) {
        differing++;
      }
    }
    for (String k : right.keySet()) {
      if (!left.containsKey(k)) {
        differing++;
      }
    }
    return differing;
  }
}
