package dev.empath.schemas.serde;

import com.google.protobuf.Descriptors.Descriptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Confluent Schema Registry framing of a protobuf payload.
 *
 * <pre>
 * byte 0      magic byte, always 0
 * bytes 1-4   schema id, big-endian int32
 * then        message indexes: zig-zag varint count, then one zig-zag varint per index
 *             (the common path [0] is written as the single byte 0)
 * then        the protobuf payload
 * </pre>
 *
 * <p>A serialized protobuf message can never start with byte 0 (field number 0 is invalid), so a
 * reader tells the two framings apart by the first byte alone.
 */
public final class ConfluentWireFormat {

  public static final byte MAGIC_BYTE = 0;
  private static final int HEADER_LENGTH = 5;
  // A .proto file nests messages a handful of levels deep; anything larger is garbage.
  private static final int MAX_INDEX_COUNT = 100;

  private ConfluentWireFormat() {}

  /** Where a framed record's schema id, message path and payload are. */
  public record Frame(int schemaId, List<Integer> messageIndexes, int payloadOffset) {}

  /** True when the bytes start with the Confluent magic byte rather than a protobuf tag. */
  public static boolean isFramed(byte[] data) {
    return data != null && data.length > 0 && data[0] == MAGIC_BYTE;
  }

  /**
   * Reads the frame header.
   *
   * @throws MalformedRecordException when the header is truncated or its indexes are invalid
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
    ByteBuffer buffer = ByteBuffer.wrap(data);
    buffer.get();
    int schemaId = buffer.getInt();
    int count = readZigZagVarint(buffer);
    if (count < 0 || count > MAX_INDEX_COUNT) {
      throw new MalformedRecordException("invalid message-index count " + count);
    }
    List<Integer> indexes;
    if (count == 0) {
      indexes = List.of(0); // the optimized encoding of [0]
    } else {
      indexes = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = readZigZagVarint(buffer);
        if (index < 0) {
          throw new MalformedRecordException("negative message index " + index);
        }
        indexes.add(index);
      }
      indexes = Collections.unmodifiableList(indexes);
    }
    return new Frame(schemaId, indexes, buffer.position());
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

  private static int readZigZagVarint(ByteBuffer buffer) {
    int raw = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!buffer.hasRemaining()) {
        throw new MalformedRecordException("truncated varint in Confluent message indexes");
      }
      byte b = buffer.get();
      raw |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new MalformedRecordException("varint longer than 5 bytes in Confluent message indexes");
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
