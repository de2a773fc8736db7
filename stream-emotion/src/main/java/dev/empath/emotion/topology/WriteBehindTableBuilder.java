package dev.empath.emotion.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a {@link WriteBehindTable} over a persistent key-value store (RocksDB, logged to a
 * changelog topic). The table is the store's write cache, so Kafka's record cache is never added
 * beneath it.
 */
final class WriteBehindTableBuilder<V> implements StoreBuilder<WriteBehindTable<V>> {

  private final StoreBuilder<KeyValueStore<String, V>> store;

  WriteBehindTableBuilder(String name, Serde<V> values) {
    this.store =
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
            .withCachingDisabled();
  }

  @Override
  public WriteBehindTable<V> build() {
    return new WriteBehindTable<>(store.build());
  }

  /** Unsupported: the table already writes each value once per commit. */
  @Override
  public StoreBuilder<WriteBehindTable<V>> withCachingEnabled() {
    throw new UnsupportedOperationException("a WriteBehindTable is its store's cache");
  }

  @Override
  public StoreBuilder<WriteBehindTable<V>> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<WriteBehindTable<V>> withLoggingEnabled(Map<String, String> config) {
    store.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<WriteBehindTable<V>> withLoggingDisabled() {
    store.withLoggingDisabled();
    return this;
  }

  @Override
  public Map<String, String> logConfig() {
    return store.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return store.loggingEnabled();
  }

  @Override
  public String name() {
    return store.name();
  }
}
