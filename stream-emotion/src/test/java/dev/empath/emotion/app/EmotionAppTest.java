package dev.empath.emotion.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionAppTest {

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
