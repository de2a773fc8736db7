package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.Assessment;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never stops the topology: it reaches the dead-letter topic with a reason. */
class EmotionDeadLetterTest {

  @TempDir Path stateDir;

  private final List<ScriptedBehavior> valid =
      new BehaviorSimulator(3)
          .session(
              new PlayerProfile("game-1", "p", 1.0),
              "s",
              EmotionTopologyTest.T0,
              EmotionTopologyTest.calm(6));

  @Test
  void malformedAndInvalidRecordsAreDeadLetteredWithReasonsAndTheRestIsProcessed() {
    byte[] key = "s".getBytes(StandardCharsets.UTF_8);
    PlayerBehaviorData missingIds = valid.get(0).event().toBuilder().clearPlayerId().build();
    PlayerBehaviorData outOfRange =
        valid.get(0).event().toBuilder().setDecisionLatencyMs(-5).setEventId("neg").build();
    try (EmotionDriver d =
        new EmotionDriver(stateDir, everyEvent(), new TransparentEmotionModel())) {
      d.rawBehavior.pipeInput(key, HexFormat.of().parseHex("ffffffff"));
      d.send(valid.get(0).event());
      d.rawBehavior.pipeInput(key, missingIds.toByteArray());
      d.rawBehavior.pipeInput(
          key, ConfluentWireFormat.frame(1, List.of(0), valid.get(1).event().toByteArray()));
      d.rawBehavior.pipeInput(key, outOfRange.toByteArray());
      valid.subList(2, valid.size()).forEach(e -> d.send(e.event()));

      List<DeadLetterRecord> dead =
          d.deadLetters.readRecordsToList().stream().map(EmotionDeadLetterTest::read).toList();
      assertThat(dead).hasSize(3);
      assertThat(dead.get(0).getReason()).containsIgnoringCase("undecodable");
      assertThat(dead.get(1).getReason()).contains("player_id is required");
      assertThat(dead.get(2).getReason()).contains("decision_latency_ms");
      assertThat(dead)
          .allSatisfy(
              l -> {
                assertThat(l.getSourceTopic()).isEqualTo(d.topics.behavior().name());
                assertThat(l.getOriginalKey().toByteArray()).isEqualTo(key);
              });
      List<EmotionPrediction> predictions = d.predictions();
      assertThat(predictions.get(predictions.size() - 1).getEventsSeen()).isEqualTo(valid.size());
    }
  }

  @Test
  void aRecordTheModelFailsOnIsDeadLetteredAndTheSessionGoesOn() {
    EmotionModel picky =
        new EmotionModel() {
          private final TransparentEmotionModel delegate = new TransparentEmotionModel();
          private boolean failed;

          @Override
          public String version() {
            return "picky";
          }

          @Override
          public Assessment assess(FeatureVector f, long eventsSeen, double trust) {
            if (eventsSeen == 3 && !failed) {
              failed = true;
              throw new IllegalArgumentException("model cannot score event 3");
            }
            return delegate.assess(f, eventsSeen, trust);
          }
        };
    try (EmotionDriver d = new EmotionDriver(stateDir, everyEvent(), picky)) {
      d.play(valid);

      DeadLetterRecord letter = read(d.deadLetters.readRecord());
      assertThat(letter.getReason()).isEqualTo("model cannot score event 3");
      assertThat(letter.getErrorClass()).isEqualTo(IllegalArgumentException.class.getName());
      assertThat(letter.getComponent()).contains("emotion");
      assertThat(d.deadLetters.isEmpty()).isTrue();
      // The failed event left no trace in the state; the others were all folded in.
      List<EmotionPrediction> predictions = d.predictions();
      assertThat(predictions.get(predictions.size() - 1).getEventsSeen())
          .isEqualTo(valid.size() - 1);
    }
  }

  /** No rate limit, so the last prediction shows how many events were folded in. */
  private static EmotionSettings everyEvent() {
    return EmotionSettings.defaults().withEmitInterval(java.time.Duration.ZERO);
  }

  private static DeadLetterRecord read(TestRecord<byte[], byte[]> r) {
    return DeadLetters.read(r.key(), r.value(), r.headers());
  }
}
