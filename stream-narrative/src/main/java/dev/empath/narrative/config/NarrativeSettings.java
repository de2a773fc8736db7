package dev.empath.narrative.config;

import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.narrative.policy.PolicyDocuments;
import dev.empath.narrative.policy.PolicyRejectedException;
import dev.empath.narrative.policy.PolicyRules;
import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.schemas.v1.NarrativePolicy;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the narrative application is built with besides its topics; the keys are declared in {@link
 * NarrativeConfigKeys}.
 *
 * @param applicationId Kafka Streams application id
 * @param defaultPolicy applies to games without a published policy while no {@code *} policy has
 *     been published either
 */
public record NarrativeSettings(String applicationId, NarrativePolicy defaultPolicy) {

  public NarrativeSettings {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    PolicyRules.requireValid(defaultPolicy, "default");
  }

  /** The declared application id and the shipped default policy. */
  public static NarrativeSettings defaults() {
    return new NarrativeSettings(
        NarrativeConfigKeys.APPLICATION_ID.defaultValue().orElseThrow(), DefaultPolicy.load());
  }

  /**
   * Reads and checks every key (a bad value or an unreadable policy file: {@link
   * ConfigurationException}) and warns about unknown ones.
   */
  public static NarrativeSettings from(EmpathConfig config) {
    config.check(PlatformConfigKeys.KEYS, NarrativeConfigKeys.KEYS);
    NarrativePolicy policy =
        config
            .find(NarrativeConfigKeys.DEFAULT_POLICY_FILE)
            .map(NarrativeSettings::readPolicy)
            .orElseGet(DefaultPolicy::load);
    return new NarrativeSettings(config.get(NarrativeConfigKeys.APPLICATION_ID), policy);
  }

  private static NarrativePolicy readPolicy(String file) {
    try {
      NarrativePolicy policy = PolicyDocuments.read(Path.of(file));
      PolicyRules.requireValid(policy, "default");
      return policy;
    } catch (PolicyRejectedException | UncheckedIOException e) {
      throw new ConfigurationException(
          NarrativeConfigKeys.DEFAULT_POLICY_FILE.name() + ": " + e.getMessage());
    }
  }
}
