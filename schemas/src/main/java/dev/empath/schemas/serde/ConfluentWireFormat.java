package dev.empath.schemas.serde;

import com.google.protobuf.Descriptors.Descriptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Confluent Schema Registry framing of a protobuf payload.
 *
 * <pre>
 * byte 0      magic byte, always 0
 * bytes 1-4   schema id, big-endian int32
 * then        message indexes: varint count, then one varint per index
 *             (the common path [0] is written as the single byte 0)
 * then        the protobuf payload
 * </pre>
 *
 * <p>Current serializers write the indexes as zig-zag varints; older ones (confluent-kafka-python
 * before 1.8.2 and clients of that era) wrote unsigned varints, so {@code [2]} is {@code 02 04}
 * from the one and {@code 01 02} from the other. Both are read: see {@link #parse}.
 *
 * <p>A serialized protobuf message can never start with byte 0 (field number 0 is invalid), so a
 * reader tells the two framings apart by the first byte alone.
 */
public final class ConfluentWireFormat {

  public static final byte MAGIC_BYTE = 0;
  private static final int HEADER_LENGTH = 5;

  private ConfluentWireFormat() {}

  /** Where a framed record's schema id, message path and payload are. */
  public record Frame(int schemaId, List<Integer> messageIndexes, int payloadOffset) {}

  /** True when the bytes start with the Confluent magic byte rather than a protobuf tag. */
  public static boolean isFramed(byte[] data) {
    return data != null && data.length > 0 && data[0] == MAGIC_BYTE;
  }

  /**
   * Reads the frame header, with the message indexes in either varint encoding.
   *
   * <p>The zig-zag reading wins whenever it is a valid array followed by a well-formed protobuf
   * payload, so a frame from a current serializer is never misread. The unsigned reading is taken
   * only when the zig-zag one cannot be right: a negative count or index, a truncated array, or a
   * payload after it that cannot be protobuf (such as one starting with a byte below 8) while the
   * payload after the unsigned array can.
   *
   * @throws MalformedRecordException when the header is truncated or its indexes are invalid in
   *     both encodings
   */
  public static Frame parse(byte[] data) {
    if (!isFramed(data)) {
      throw new MalformedRecordException(
          "not Confluent-framed: first byte is not the magic byte 0");
    }
    if (data.length < HEADER_LENGTH + 1) {
      throw new MalformedRecordException(
          "truncated Confluent frame: " + data.length + " bytes, need at least 6");
    }
    int schemaId = ByteBuffer.wrap(data, 1, 4).getInt();
    MessageIndexes zigZag = MessageIndexes.read(data, HEADER_LENGTH, true);
    if (data[HEADER_LENGTH] == 0) {
      return zigZag.frame(schemaId); // [0]: one 0 byte in both encodings
    }
    MessageIndexes unsigned = MessageIndexes.read(data, HEADER_LENGTH, false);
    if (zigZag.valid() && unsigned.valid()) {
      // Both readings are arrays: the payload that follows decides, zig-zag first.
      if (ProtobufWire.wellFormed(data, zigZag.end())
          || !ProtobufWire.wellFormed(data, unsigned.end())) {
        return zigZag.frame(schemaId);
      }
      return unsigned.frame(schemaId);
    }
    if (zigZag.valid()) {
      return zigZag.frame(schemaId);
    }
    if (unsigned.valid()) {
      return unsigned.frame(schemaId);
    }
    throw new MalformedRecordException(zigZag.problem());
  }

  /** Prefixes {@code payload} with the Confluent header for {@code schemaId} and the indexes. */
  public static byte[] frame(int schemaId, List<Integer> messageIndexes, byte[] payload) {
    byte[] indexBytes = encodeMessageIndexes(messageIndexes);
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + indexBytes.length + payload.length);
    buffer.put(MAGIC_BYTE).putInt(schemaId).put(indexBytes).put(payload);
    return buffer.array();
  }

  /** Encodes a message path; [0] becomes the single byte 0 as Confluent's serializers write it. */
  public static byte[] encodeMessageIndexes(List<Integer> indexes) {
    if (indexes.equals(List.of(0))) {
      return new byte[] {0};
    }
    ByteBuffer buffer = ByteBuffer.allocate(5 * (indexes.size() + 1));
    writeZigZagVarint(buffer, indexes.size());
    for (int index : indexes) {
      writeZigZagVarint(buffer, index);
    }
    byte[] out = new byte[buffer.position()];
    buffer.flip().get(out);
    return out;
  }

  /** The path of a message type within its .proto file: top-level index, then nested indexes. */
  public static List<Integer> messageIndexesOf(Descriptor descriptor) {
    List<Integer> path = new ArrayList<>();
    for (Descriptor d = descriptor; d != null; d = d.getContainingType()) {
      path.add(0, d.getIndex());
    }
    return List.copyOf(path);
  }

  private static void writeZigZagVarint(ByteBuffer buffer, int value) {
    int raw = (value << 1) ^ (value >> 31);
    while ((raw & ~0x7F) != 0) {
      buffer.put((byte) ((raw & 0x7F) | 0x80));
      raw >>>= 7;
    }
    buffer.put((byte) raw);
  }
}
