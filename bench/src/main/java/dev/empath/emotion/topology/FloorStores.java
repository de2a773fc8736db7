package dev.empath.emotion.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * bench/emotion's stateful floor keeps its sessions exactly as stream-emotion does, in a {@link
 * WriteBehindTable}. This class sits in stream-emotion's package, in the bench module, so that
 * stream-emotion need not make its store builder public for a benchmark.
 */
public final class FloorStores {

  private FloorStores() {}

  public static <V> StoreBuilder<WriteBehindTable<V>> writeBehind(String name, Serde<V> values) {
    return WriteBehindTable.builder(name, values);
  }
}
