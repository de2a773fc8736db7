package dev.empath.narrative.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.narrative.director.DirectorState;
import dev.empath.schemas.v1.PacingPhase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DirectorStateSerdeTest {

  private final DirectorStateSerde serde = new DirectorStateSerde();

  @Test
  void roundTripsEveryField() {
    DirectorState state =
        new DirectorState(
            "g1-v2",
            PacingPhase.PACING_PHASE_PEAK_FADE,
            11L,
            0.61,
            12L,
            -0.3,
            -0.2,
            "tense",
            "encouraging",
            1,
            7L,
            -1L,
            42L);
    byte[] bytes = serde.serializer().serialize("t", state);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(state);
  }

  @Test
  void unknownFormatIsRefused() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
        .isInstanceOf(SerializationException.class);
  }
}
