package dev.empath.schemas.serde;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One reading of a Confluent frame's message-index array, in one varint encoding: the path and
 * where the payload starts, or why the bytes are not a valid array in that encoding.
 */
record MessageIndexes(List<Integer> path, int end, String problem) {

  // A .proto file nests messages a handful of levels deep; anything larger is garbage.
  static final int MAX_COUNT = 100;

  private static final long TRUNCATED = Long.MIN_VALUE;

  boolean valid() {
    return problem == null;
  }

  ConfluentWireFormat.Frame frame(int schemaId) {
    return new ConfluentWireFormat.Frame(schemaId, path, end);
  }

  /** Reads the array that starts at {@code offset}, as zig-zag or as unsigned varints. */
  static MessageIndexes read(byte[] data, int offset, boolean zigZag) {
    int[] at = {offset};
    long count = varint(data, at, zigZag);
    if (count == TRUNCATED) {
      return invalid("truncated varint in Confluent message indexes");
    }
    if (count < 0 || count > MAX_COUNT) {
      return invalid("invalid message-index count " + count);
    }
    if (count == 0) {
      return new MessageIndexes(List.of(0), at[0], null); // the optimized encoding of [0]
    }
    List<Integer> path = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      long index = varint(data, at, zigZag);
      if (index == TRUNCATED) {
        return invalid("truncated varint in Confluent message indexes");
      }
      if (index < 0 || index > Integer.MAX_VALUE) {
        return invalid("invalid message index " + index);
      }
      path.add((int) index);
    }
    return new MessageIndexes(Collections.unmodifiableList(path), at[0], null);
  }

  private static MessageIndexes invalid(String problem) {
    return new MessageIndexes(List.of(), -1, problem);
  }

  /** A varint of at most 5 bytes (32 bits) at {@code at[0]}, which it advances. */
  private static long varint(byte[] data, int[] at, boolean zigZag) {
    long raw = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at[0] >= data.length) {
        return TRUNCATED;
      }
      byte b = data[at[0]++];
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return zigZag ? (raw >>> 1) ^ -(raw & 1) : raw;
      }
    }
    return TRUNCATED;
  }
}
