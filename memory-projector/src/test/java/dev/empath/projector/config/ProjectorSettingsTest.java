package dev.empath.projector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.platform.config.EmpathConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProjectorSettingsTest {

  @Test
  void keysAreReadFromTheEnvironmentUnderTheirNewNames() {
    ProjectorSettings settings =
        ProjectorSettings.from(
            EmpathConfig.load(
                Map.of(
                    "EMPATH_PROJECTOR_RETRY_MAX", "9",
                    "EMPATH_PROJECTOR_GROUP_ID", "projector-b"),
                new Properties()));

    assertThat(settings.maxRetries()).isEqualTo(9);
    assertThat(settings.groupId()).isEqualTo("projector-b");
    assertThat(settings.rules().timelineCap()).isEqualTo(500);
  }

  @Test
  void theFormerNamesStillWorkUnlessTheNewOneIsSet() {
    ProjectorSettings settings =
        ProjectorSettings.from(
            EmpathConfig.of(
                Map.of(
                    "projector.poll.timeout.ms", "300",
                    "projector.memory.cap", "10",
                    "empath.projector.memory.cap", "20")));

    assertThat(settings.pollTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(settings.rules().memoryCap()).isEqualTo(20);
  }

  @Test
  void aBadValueNamesTheKeyItWasSetUnder() {
    assertThatThrownBy(
            () -> ProjectorSettings.from(EmpathConfig.of(Map.of("projector.lines.cap", "0"))))
        .hasMessage("empath.projector.lines.cap must be >= 1, was 0 (set in code)");
  }

  @Test
  void defaultsAreTheDeclaredOnes() {
    ProjectorSettings d = ProjectorSettings.defaults("g");
    assertThat(d.groupId()).isEqualTo("g");
    assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.cacheEntries()).isEqualTo(100_000);
  }
}
