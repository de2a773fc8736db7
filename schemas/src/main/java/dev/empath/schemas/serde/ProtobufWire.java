package dev.empath.schemas.serde;

/**
 * A schema-less check that bytes are a protobuf message at the wire level: every field has a tag
 * with a field number of at least 1 and a known wire type, and its value fits in the bytes. This is
 * what lets {@link ConfluentWireFormat} tell where a payload can start.
 */
final class ProtobufWire {

  private static final int MAX_GROUP_DEPTH = 100;

  private ProtobufWire() {}

  /** True when {@code data[from..]} is empty or a sequence of well-formed protobuf fields. */
  static boolean wellFormed(byte[] data, int from) {
    int[] at = {from};
    int[] groups = new int[MAX_GROUP_DEPTH];
    int depth = 0;
    while (at[0] < data.length) {
      long tag = varint(data, at);
      if (at[0] < 0 || tag < 0 || tag > 0xFFFF_FFFFL) {
        return false;
      }
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (field < 1) {
        return false;
      }
      switch (wireType) {
        case 0 -> varint(data, at);
        case 1 -> at[0] += 8;
        case 2 -> {
          long length = varint(data, at);
          if (at[0] < 0 || length < 0 || length > data.length - at[0]) {
            return false;
          }
          at[0] += (int) length;
        }
        case 3 -> {
          if (depth == MAX_GROUP_DEPTH) {
            return false;
          }
          groups[depth++] = field;
        }
        case 4 -> {
          if (depth == 0 || groups[--depth] != field) {
            return false;
          }
        }
        case 5 -> at[0] += 4;
        default -> {
          return false;
        }
      }
      if (at[0] < 0 || at[0] > data.length) {
        return false;
      }
    }
    return depth == 0;
  }

  /**
   * A varint of at most 10 bytes at {@code at[0]}, which it advances; sets {@code at[0]} to -1 when
   * the varint is truncated or too long (values above 63 bits come back negative).
   */
  private static long varint(byte[] data, int[] at) {
    long value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (at[0] >= data.length) {
        at[0] = -1;
        return -1;
      }
      byte b = data[at[0]++];
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    at[0] = -1;
    return -1;
  }
}
