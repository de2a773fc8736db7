package dev.empath.emotion.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.emotion.EmotionSettings;
import dev.empath.emotion.EmotionSettings.BaselineRouting;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionSettingsTest {

  @Test
  void settingsComeFromConfigurationWithDefaultsForTheRest() {
    EmotionSettings settings =
        EmotionSettings.from(
            EmpathConfig.of(
                Map.of(
                    EmotionSettings.EMIT_INTERVAL_MS, "500",
                    EmotionSettings.ROUTING, "BY_PLAYER")));
    assertThat(settings.emitInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.routing()).isEqualTo(BaselineRouting.BY_PLAYER);
    assertThat(EmotionSettings.defaults().routing()).isEqualTo(BaselineRouting.BY_SESSION);
    assertThat(settings.lateness()).isEqualTo(EmotionSettings.defaults().lateness());
    assertThat(EmotionSettings.EMIT_INTERVAL_MS)
        .as("reachable from the environment, which EmpathConfig reads for empath.* keys")
        .startsWith("empath.");
  }

  @Test
  void aTopicPrefixRenamesEveryTopic() {
    assertThat(
            ServiceBootstrap.catalog(EmpathConfig.of(Map.of(EmpathConfig.TOPIC_PREFIX, "shadow.")))
                .emotion()
                .name())
        .isEqualTo("shadow.empath.emotion.v1");
    assertThat(ServiceBootstrap.catalog(EmpathConfig.of(Map.of())).emotion().name())
        .isEqualTo("empath.emotion.v1");
  }
}
