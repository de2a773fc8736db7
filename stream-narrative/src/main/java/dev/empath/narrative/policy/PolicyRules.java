package dev.empath.narrative.policy;

import dev.empath.schemas.v1.ContentTrigger;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.ToneRule;
import dev.empath.schemas.validation.ContractValidators;
import dev.empath.schemas.validation.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes a policy usable by the director: the contract's rules ({@link
 * ContractValidators#POLICY}, which the topic serde also applies) plus the director's own (every
 * rule names a tone, every trigger a purpose and a condition).
 */
public final class PolicyRules {

  private PolicyRules() {}

  public static List<String> violations(NarrativePolicy policy) {
    List<String> problems = new ArrayList<>(ContractValidators.POLICY.violations(policy));
    if (!policy.hasDifficulty()) {
      problems.add("difficulty rules are required");
    }
    for (int i = 0; i < policy.getToneRulesCount(); i++) {
      ToneRule rule = policy.getToneRules(i);
      if (rule.getTone().isBlank()) {
        problems.add("tone_rules[" + i + "].tone is required");
      }
      if (rule.getMinConfidence() < 0 || rule.getMinConfidence() > 1) {
        problems.add("tone_rules[" + i + "].min_confidence must be in [0, 1]");
      }
    }
    for (int i = 0; i < policy.getContentTriggersCount(); i++) {
      ContentTrigger t = policy.getContentTriggers(i);
      if (t.getPurpose() == GenerationPurpose.GENERATION_PURPOSE_UNSPECIFIED
          || t.getPurpose() == GenerationPurpose.UNRECOGNIZED) {
        problems.add("content_triggers[" + i + "].purpose must be a known GenerationPurpose");
      }
      boolean hasCondition =
          t.getOnHint() || !t.getOnToneChangeTo().isEmpty() || t.getOnPhaseEnterValue() != 0;
      if (!hasCondition) {
        problems.add(
            "content_triggers[" + i + "] needs on_hint, on_tone_change_to or on_phase_enter");
      }
      if (t.getMaxTokens() < 0 || t.getMaxTokens() > Limits.MAX_TOKENS) {
        problems.add(
            "content_triggers[" + i + "].max_tokens must be in [0, " + Limits.MAX_TOKENS + "]");
      }
      if (t.getDeadlineMs() < 0) {
        problems.add("content_triggers[" + i + "].deadline_ms must be >= 0");
      }
    }
    return problems;
  }

  /** Returns {@code policy} if it is usable, else throws naming every problem. */
  public static NarrativePolicy requireValid(NarrativePolicy policy, String source) {
    List<String> problems = violations(policy);
    if (!problems.isEmpty()) {
      throw new PolicyRejectedException(source, problems);
    }
    return policy;
  }
}
