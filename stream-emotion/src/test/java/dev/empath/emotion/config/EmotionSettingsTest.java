package dev.empath.emotion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.emotion.config.EmotionSettings.BaselineRouting;
import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.config.EmpathConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmotionSettingsTest {

  @Test
  void settingsComeFromConfigurationWithDefaultsForTheRest() {
    EmotionSettings settings =
        EmotionSettings.from(
            EmpathConfig.of(
                Map.of(
                    EmotionConfigKeys.EMIT_INTERVAL_MS.name(), "500",
                    EmotionConfigKeys.ROUTING.name(), "BY_PLAYER")));
    assertThat(settings.emitInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.routing()).isEqualTo(BaselineRouting.BY_PLAYER);
    assertThat(EmotionSettings.defaults().routing()).isEqualTo(BaselineRouting.BY_SESSION);
    assertThat(settings.lateness()).isEqualTo(Duration.ofSeconds(10));
    assertThat(EmotionSettings.defaults().sessionIdle()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void everyKeyIsReadFromItsEnvironmentName() {
    EmotionSettings settings =
        EmotionSettings.from(
            EmpathConfig.load(
                Map.of(
                    "EMPATH_EMOTION_FEATURE_ALPHA", "0.5",
                    "EMPATH_EMOTION_BASELINE_PUBLISH_EVENTS", "7"),
                new Properties()));
    assertThat(settings.featureAlpha()).isEqualTo(0.5);
    assertThat(settings.baselinePublishEvents()).isEqualTo(7);
  }

  @Test
  void aValueOutOfRangeIsOneLineNamingTheKey() {
    EmpathConfig config = EmpathConfig.of(Map.of(EmotionConfigKeys.FEATURE_ALPHA.name(), "3"));
    assertThatThrownBy(() -> EmotionSettings.from(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("empath.emotion.feature.alpha must be in (0, 1], was 3 (set in code)");
  }
}
