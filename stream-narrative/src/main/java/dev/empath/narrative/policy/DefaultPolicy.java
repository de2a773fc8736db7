package dev.empath.narrative.policy;

import dev.empath.schemas.v1.NarrativePolicy;

/** The policy that ships with the code and applies to every game until one is published. */
public final class DefaultPolicy {

  public static final String RESOURCE = "/policy/default-policy.json";

  /** Key of the policy that applies to every game without its own. */
  public static final String ALL_GAMES = "*";

  private DefaultPolicy() {}

  public static NarrativePolicy load() {
    return PolicyDocuments.resource(RESOURCE);
  }
}
