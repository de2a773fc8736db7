package dev.empath.history.scan;

import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one partition a bounded read covers.
 *
 * @param partition the partition
 * @param start first offset to read
 * @param end offset to stop before, fixed when the read was planned
 */
public record ScanRange(TopicPartition partition, long start, long end) {

  public ScanRange {
    if (start > end) {
      start = end;
    }
  }

  public long size() {
    return end - start;
  }

  public boolean isEmpty() {
    return start >= end;
  }
}
