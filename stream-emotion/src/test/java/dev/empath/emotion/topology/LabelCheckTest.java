package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.EmotionLabel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelCheckTest {

  @TempDir Path stateDir;

  @Test
  void aBadLabelIsDeadLetteredWithItsReasonAndAGoodOneIsNot() {
    EmotionLabel good =
        EmotionLabel.newBuilder()
            .setLabelId("l1")
            .setGameId("g")
            .setSessionId("s")
            .setPlayerId("p")
            .setTimestampMs(EmotionTopologyTest.T0)
            .setEmotion("boredom")
            .setSource("annotator")
            .build();
    EmotionLabel bad = good.toBuilder().setLabelId("l2").setEmotion("hungry").build();
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      var labels =
          d.driver.createInputTopic(
              d.topics.emotionLabel().name(),
              Serdes.ByteArray().serializer(),
              Serdes.ByteArray().serializer());
      byte[] key = "s".getBytes(StandardCharsets.UTF_8);
      labels.pipeInput(key, good.toByteArray());
      labels.pipeInput(key, bad.toByteArray());

      List<DeadLetterRecord> dead =
          d.deadLetters.readRecordsToList().stream()
              .map(r -> DeadLetters.read(r.key(), r.value(), r.headers()))
              .toList();
      assertThat(dead).singleElement();
      assertThat(dead.get(0).getReason()).contains("emotion must be one of").contains("hungry");
      assertThat(dead.get(0).getSourceTopic()).isEqualTo("empath.emotion.label.v1");
    }
  }
}
