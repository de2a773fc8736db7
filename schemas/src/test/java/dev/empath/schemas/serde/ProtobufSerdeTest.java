package dev.empath.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.schemas.Fixtures;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class ProtobufSerdeTest {

  private final ProtobufSerde<PlayerBehaviorData> serde =
      (ProtobufSerde<PlayerBehaviorData>) TopicCatalog.standard().behavior().valueSerde();
  private final Deserializer<PlayerBehaviorData> reader = serde.deserializer();

  @Test
  void plainProtobufRoundTrips() {
    PlayerBehaviorData event = Fixtures.behavior("e-1");

    byte[] bytes = serde.serializer().serialize("t", event);

    assertThat(bytes).isEqualTo(event.toByteArray());
    assertThat(reader.deserialize("t", bytes)).isEqualTo(event);
  }

  @Test
  void confluentFramedBytesAreDetectedAndDecoded() {
    PlayerBehaviorData event = Fixtures.behavior("e-2");
    byte[] framed = ConfluentWireFormat.frame(7, List.of(0), event.toByteArray());

    assertThat(reader.deserialize("t", framed)).isEqualTo(event);
  }

  @Test
  void frameWithNonZeroMessageIndexStillDecodesByTopicType() {
    // A producer whose own schema file puts this message second writes index [1].
    PlayerBehaviorData event = Fixtures.behavior("e-3");
    byte[] framed = ConfluentWireFormat.frame(9, List.of(1), event.toByteArray());

    assertThat(reader.deserialize("t", framed)).isEqualTo(event);
  }

  @Test
  void garbageBytesAreMalformed() {
    byte[] garbage = HexFormat.of().parseHex("ffffffffffff");

    assertThatThrownBy(() -> reader.deserialize("t", garbage))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("undecodable empath.v1.PlayerBehaviorData");
  }

  @Test
  void truncatedPayloadIsMalformed() {
    byte[] whole = Fixtures.behavior("e-4").toByteArray();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);

    assertThatThrownBy(() -> reader.deserialize("t", cut))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void decodableButInvalidRecordNamesEveryViolation() {
    PlayerBehaviorData bad =
        Fixtures.behavior("e-5").toBuilder().clearGameId().setDecisionLatencyMs(Float.NaN).build();

    assertThatThrownBy(() -> reader.deserialize("t", bad.toByteArray()))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("game_id is required")
        .hasMessageContaining("decision_latency_ms must be finite");
  }

  @Test
  void nullIsATombstone() {
    assertThat(reader.deserialize("t", null)).isNull();
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }
}
