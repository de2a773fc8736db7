package dev.empath.narrative.topology;

import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.narrative.policy.PolicyRules;
import dev.empath.schemas.v1.NarrativePolicy;
import java.util.Objects;

/**
 * What the narrative topology is built with besides its topics.
 *
 * @param defaultPolicy applies to games without a published policy while no {@code *} policy has
 *     been published either
 */
public record NarrativeSettings(NarrativePolicy defaultPolicy) {

  public NarrativeSettings {
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    PolicyRules.requireValid(defaultPolicy, "default");
  }

  /** The shipped default policy. */
  public static NarrativeSettings defaults() {
    return new NarrativeSettings(DefaultPolicy.load());
  }
}
