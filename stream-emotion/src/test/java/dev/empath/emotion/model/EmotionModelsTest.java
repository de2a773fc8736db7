package dev.empath.emotion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.emotion.model.document.ModelRejectedException;
import dev.empath.platform.config.EmpathConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionModelsTest {

  @TempDir Path dir;

  @Test
  void runsTheShippedModelUnlessAFileIsConfigured() throws Exception {
    assertThat(EmotionModels.fromConfig(EmpathConfig.of(Map.of())).version())
        .isEqualTo(TransparentEmotionModel.VERSION);

    String shipped =
        ModelDocuments.toJson(ModelDocuments.resource(TransparentEmotionModel.DEFAULT_RESOURCE));
    Path file =
        Files.writeString(dir.resolve("m.json"), shipped.replace("transparent-v1", "mine-2"));
    EmpathConfig config =
        EmpathConfig.of(Map.of(EmotionConfigKeys.MODEL_FILE.name(), file.toString()));
    assertThat(EmotionModels.fromConfig(config).version()).isEqualTo("mine-2");
  }

  @Test
  void aBrokenFileStopsTheStartWithItsProblemsNamed() throws Exception {
    Path file =
        Files.writeString(dir.resolve("bad.json"), "{\"version\": \"x\", \"gameId\": \"*\"}");
    EmpathConfig config =
        EmpathConfig.of(Map.of(EmotionConfigKeys.MODEL_FILE.name(), file.toString()));
    assertThatThrownBy(() -> EmotionModels.fromConfig(config))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessage(
            "emotion model " + file + " rejected: a model kind is required: transparent or onnx");
  }
}
