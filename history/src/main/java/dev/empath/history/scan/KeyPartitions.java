package dev.empath.history.scan;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner gives a key, so a tool can read only the partition that
 * holds a session (or a character) instead of the whole topic.
 */
public final class KeyPartitions {

  private KeyPartitions() {}

  public static int of(byte[] key, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
    }
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  public static int of(String key, int partitions) {
    return of(key.getBytes(StandardCharsets.UTF_8), partitions);
  }
}
