package dev.empath.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.schemas.testdoc.MessageA;
import dev.empath.schemas.testdoc.MessageH;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors follow Confluent's wire-format documentation: magic byte 0, a big-endian 4-byte
 * schema id, the message-index array as zig-zag varints (count first; [0] shortened to one 0 byte),
 * then the protobuf payload.
 */
class ConfluentWireFormatTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void firstMessageIsFramedWithTheSingleZeroIndexByte() {
    byte[] framed = ConfluentWireFormat.frame(1, List.of(0), HEX.parseHex("0a0161"));

    assertThat(HEX.formatHex(framed)).isEqualTo("00" + "00000001" + "00" + "0a0161");
  }

  @Test
  void nestedMessagePathFromTheDocumentationIsZigZagEncoded() {
    // MessageG is [0, 2, 1]: count 3 -> zigzag 6, then 0 -> 0, 2 -> 4, 1 -> 2.
    List<Integer> path =
        ConfluentWireFormat.messageIndexesOf(MessageA.MessageE.MessageG.getDescriptor());

    assertThat(path).containsExactly(0, 2, 1);
    assertThat(HEX.formatHex(ConfluentWireFormat.encodeMessageIndexes(path))).isEqualTo("06000402");
  }

  @Test
  void secondTopLevelMessageHasIndexOne() {
    List<Integer> path = ConfluentWireFormat.messageIndexesOf(MessageH.getDescriptor());

    assertThat(path).containsExactly(1);
    assertThat(HEX.formatHex(ConfluentWireFormat.encodeMessageIndexes(path))).isEqualTo("0202");
  }

  @Test
  void parsesHeaderOfANonZeroIndexFrame() {
    byte[] data = HEX.parseHex("00" + "0000002a" + "06000402" + "0a0167");

    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(data);

    assertThat(frame.schemaId()).isEqualTo(42);
    assertThat(frame.messageIndexes()).containsExactly(0, 2, 1);
    assertThat(frame.payloadOffset()).isEqualTo(9);
  }

  @Test
  void largeSchemaIdsAndIndexesRoundTrip() {
    byte[] framed = ConfluentWireFormat.frame(0x7fff_fff0, List.of(3, 200), new byte[] {8, 1});

    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(framed);

    assertThat(frame.schemaId()).isEqualTo(0x7fff_fff0);
    assertThat(frame.messageIndexes()).containsExactly(3, 200);
    assertThat(framed).endsWith(8, 1);
  }

  @Test
  void contractMessagesKnowTheirPathInTheSchemaFile() {
    assertThat(ConfluentWireFormat.messageIndexesOf(PlayerBehaviorData.getDescriptor()))
        .containsExactly(0);
    assertThat(ConfluentWireFormat.messageIndexesOf(EmotionPrediction.getDescriptor()))
        .containsExactly(1);
  }

  @Test
  void truncatedHeaderIsAClearError() {
    assertThatThrownBy(() -> ConfluentWireFormat.parse(HEX.parseHex("000000")))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("truncated Confluent frame");
  }

  @Test
  void truncatedVarintIsAClearError() {
    assertThatThrownBy(() -> ConfluentWireFormat.parse(HEX.parseHex("0000000001" + "0680")))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("truncated varint");
  }

  @Test
  void absurdIndexCountIsRejected() {
    assertThatThrownBy(() -> ConfluentWireFormat.parse(HEX.parseHex("0000000001" + "ff0f")))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("invalid message-index count");
  }

  @Test
  void plainProtobufIsNotMistakenForAFrame() {
    byte[] plain = PlayerBehaviorData.newBuilder().setSessionId("s").build().toByteArray();

    assertThat(ConfluentWireFormat.isFramed(plain)).isFalse();
    assertThat(ConfluentWireFormat.isFramed(new byte[0])).isFalse();
  }
}
