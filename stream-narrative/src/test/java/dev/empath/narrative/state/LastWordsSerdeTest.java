package dev.empath.narrative.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.narrative.content.LastWords;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class LastWordsSerdeTest {

  @Test
  void roundTripsEveryCharactersWords() {
    LastWords words =
        new LastWords(
            List.of(
                new LastWords.Said("npc-ada", "Where is the mill? ünïcode", 2_000L),
                new LastWords.Said("npc-bo", "", 1_000L)));

    LastWords back = LastWordsSerde.read(LastWordsSerde.write(words));

    assertThat(back).isEqualTo(words);
    assertThat(back.to("npc-ada")).isEqualTo("Where is the mill? ünïcode");
    assertThat(back.to("npc-cy")).isEmpty();
  }

  @Test
  void anUnknownFormatIsRefused() {
    assertThatThrownBy(() -> LastWordsSerde.read(new byte[] {9, 0, 0, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("format 9");
  }
}
