package dev.empath.cli.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.emotion.labels.LabelJoin;
import dev.empath.emotion.labels.LabelledMoment;
import dev.empath.emotion.model.document.ModelDocuments;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

  @TempDir Path stateDir;

  @Test
  void aModelTrainedOnLabelledSessionsBeatsTheTransparentOneOnHeldOutPlayers() {
    LabelledSessions sessions = LabelledSessions.simulate(stateDir, 16, 0.15, 0.1);
    List<LabelledMoment> moments =
        LabelJoin.join(sessions.labels(), sessions.predictions(), 60_000);

    Training.Result result = Training.run(moments, 0.25, 42, "trained-1", "*");

    assertThat(moments).hasSize(sessions.labels().size());
    assertThat(result.heldOutPlayers()).isEqualTo(4);
    assertThat(result.heldOutMoments()).isEqualTo(240);
    assertThat(result.trained().accuracy()).isCloseTo(177 / 240.0, within(1e-9));
    assertThat(result.trained().macroF1()).isCloseTo(0.5067, within(1e-4));
    assertThat(result.current().accuracy()).isCloseTo(162 / 240.0, within(1e-9));
    assertThat(result.current().macroF1()).isCloseTo(0.4706, within(1e-4));
    assertThat(result.trained().macroF1()).isGreaterThan(result.current().macroF1());
    assertThat(result.trained().confusion()[4][4]).isEqualTo(36); // frustration recognised
    // The document is what promote and whatif read back.
    assertThat(ModelDocuments.parse(ModelDocuments.toJson(result.document()), "out").getOnnx())
        .isEqualTo(result.document().getOnnx());
  }
}
