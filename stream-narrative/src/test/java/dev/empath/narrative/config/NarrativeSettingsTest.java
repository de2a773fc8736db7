package dev.empath.narrative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.narrative.policy.PolicyDocuments;
import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.config.EmpathConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarrativeSettingsTest {

  @Test
  void theApplicationIdAndDefaultPolicyFileComeFromTheEnvironment(@TempDir Path dir)
      throws Exception {
    Path policy = dir.resolve("policy.json");
    Files.writeString(
        policy,
        PolicyDocuments.toJson(DefaultPolicy.load().toBuilder().setVersion("from-file").build()));

    NarrativeSettings settings =
        NarrativeSettings.from(
            EmpathConfig.load(
                Map.of(
                    "EMPATH_NARRATIVE_APPLICATION_ID",
                    "narrative-b",
                    "EMPATH_NARRATIVE_DEFAULT_POLICY_FILE",
                    policy.toString()),
                new Properties()));

    assertThat(settings.applicationId()).isEqualTo("narrative-b");
    assertThat(settings.defaultPolicy().getVersion()).isEqualTo("from-file");
    assertThat(NarrativeSettings.defaults().applicationId()).isEqualTo("empath-stream-narrative");
  }

  @Test
  void anUnreadablePolicyFileIsOneLineNamingTheKey(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.json");
    Files.writeString(policy, "{ not json");

    assertThatThrownBy(
            () ->
                NarrativeSettings.from(
                    EmpathConfig.of(
                        Map.of(NarrativeConfigKeys.DEFAULT_POLICY_FILE.name(), policy.toString()))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("empath.narrative.default.policy.file: ")
        .hasNoCause();
  }
}
