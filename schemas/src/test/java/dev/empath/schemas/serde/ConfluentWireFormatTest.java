package dev.empath.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.schemas.Fixtures;
import dev.empath.schemas.testdoc.MessageA;
import dev.empath.schemas.testdoc.MessageH;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors follow Confluent's wire-format documentation: magic byte 0, a big-endian 4-byte
 * schema id, the message-index array as zig-zag varints (count first; [0] shortened to one 0 byte),
 * then the protobuf payload. Older serializers (confluent-kafka-python before 1.8.2) wrote the
 * indexes as unsigned varints; those layouts are written out byte by byte below.
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

  @Test
  void characterInteractionIsTheThirdMessageOfTheContract() {
    assertThat(ConfluentWireFormat.messageIndexesOf(CharacterInteraction.getDescriptor()))
        .containsExactly(2);
    assertThat(HEX.formatHex(ConfluentWireFormat.encodeMessageIndexes(List.of(2))))
        .isEqualTo("0204");
  }

  @Test
  void olderClientsUnsignedIndexesOfCharacterInteractionAreRead() {
    CharacterInteraction interaction = interaction();
    // As confluent-kafka-python 1.7 writes it: magic, id 42, count 1 and index 2 as plain varints.
    byte[] data = concat(HEX.parseHex("00" + "0000002a" + "01" + "02"), interaction.toByteArray());

    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(data);

    assertThat(frame.schemaId()).isEqualTo(42);
    assertThat(frame.messageIndexes()).containsExactly(2);
    assertThat(frame.payloadOffset()).isEqualTo(7);
    assertThat(interactions().deserialize("empath.interaction.v1", data)).isEqualTo(interaction);
  }

  @Test
  void currentZigZagIndexesOfCharacterInteractionAreRead() {
    CharacterInteraction interaction = interaction();
    byte[] data = concat(HEX.parseHex("00" + "0000002a" + "02" + "04"), interaction.toByteArray());

    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(data);

    assertThat(frame.messageIndexes()).containsExactly(2);
    assertThat(frame.payloadOffset()).isEqualTo(7);
    assertThat(interactions().deserialize("empath.interaction.v1", data)).isEqualTo(interaction);
    assertThat(data)
        .isEqualTo(ConfluentWireFormat.frame(42, List.of(2), interaction.toByteArray()));
  }

  @Test
  void olderClientsWriteTheFirstMessageAsTheSameSingleZeroByte() {
    PlayerBehaviorData event = Fixtures.behavior("e-1");
    byte[] data = concat(HEX.parseHex("00" + "00000007" + "00"), event.toByteArray());

    assertThat(ConfluentWireFormat.parse(data).messageIndexes()).containsExactly(0);
    assertThat(
            TopicCatalog.standard()
                .behavior()
                .valueSerde()
                .deserializer()
                .deserialize("empath.behavior.v1", data))
        .isEqualTo(event);
  }

  @Test
  void unsignedNestedPathsAreReadToo() {
    // MessageG [0, 2, 1] unsigned: count 3, then 0, 2, 1; payload field 1 = "g".
    byte[] odd = HEX.parseHex("00" + "00000001" + "03000201" + "0a0167");
    // MessageE [0, 2] unsigned reads as zig-zag count 1, index 0 and then a payload starting
    // with 0x02 (field number 0), which no protobuf message can: so it is reread as unsigned.
    byte[] even = HEX.parseHex("00" + "00000001" + "020002");

    assertThat(ConfluentWireFormat.parse(odd).messageIndexes()).containsExactly(0, 2, 1);
    assertThat(ConfluentWireFormat.parse(odd).payloadOffset()).isEqualTo(9);
    assertThat(ConfluentWireFormat.parse(even).messageIndexes()).containsExactly(0, 2);
    assertThat(ConfluentWireFormat.parse(even).payloadOffset()).isEqualTo(8);
  }

  @Test
  void aValidZigZagFrameIsNeverRereadAsUnsigned() {
    Random random = new Random(19);
    for (int i = 0; i < 20_000; i++) {
      List<Integer> path = new ArrayList<>();
      int depth = 1 + random.nextInt(4);
      for (int d = 0; d < depth; d++) {
        path.add(random.nextInt(i % 2 == 0 ? 20 : 400));
      }
      byte[] payload = randomPayload(random);
      byte[] framed = ConfluentWireFormat.frame(i, path, payload);

      ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(framed);

      assertThat(frame.messageIndexes()).as("path of frame %d", i).isEqualTo(path);
      assertThat(frame.payloadOffset()).isEqualTo(framed.length - payload.length);
    }
  }

  @Test
  void anIndexArrayInvalidInBothEncodingsIsAClearError() {
    // Zig-zag: count 1, then index -1; unsigned: count 2, then one index and a truncated one.
    assertThatThrownBy(() -> ConfluentWireFormat.parse(HEX.parseHex("0000000001" + "0201ff")))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("invalid message index -1");
  }

  private static CharacterInteraction interaction() {
    return CharacterInteraction.newBuilder()
        .setEventId("i-1")
        .setGameId("game-1")
        .setPlayerId("player-1")
        .setSessionId("session-1")
        .setCharacterId("mira")
        .setTimestampMs(Fixtures.T0)
        .setKind(InteractionKind.INTERACTION_KIND_TALK)
        .setImpact(0.5f)
        .setPlayerText("thank you for the herb")
        .build();
  }

  private static byte[] randomPayload(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> new byte[0];
      case 1 -> Fixtures.behavior("e-" + random.nextInt()).toByteArray();
      case 2 ->
          interaction().toBuilder()
              .setImpact(random.nextFloat())
              .setTimestampMs(random.nextLong())
              .build()
              .toByteArray();
      default ->
          EmotionPrediction.newBuilder()
              .setValence(random.nextFloat() * 2 - 1)
              .setEventsSeen(random.nextInt(1000))
              .build()
              .toByteArray();
    };
  }

  private static Deserializer<CharacterInteraction> interactions() {
    return TopicCatalog.standard().interaction().valueSerde().deserializer();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
