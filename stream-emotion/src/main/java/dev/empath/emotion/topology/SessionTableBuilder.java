package dev.empath.emotion.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a {@link SessionTable} over a persistent key-value store (RocksDB, logged to a changelog
 * topic). The table is the store's write cache, so Kafka's record cache is never added beneath it.
 */
final class SessionTableBuilder implements StoreBuilder<SessionTable> {

  private final StoreBuilder<KeyValueStore<String, SessionRecord>> store;

  SessionTableBuilder(String name) {
    this.store =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), StateSerdes.session())
            .withCachingDisabled();
  }

  @Override
  public SessionTable build() {
    return new SessionTable(store.build());
  }

  /** Unsupported: the table already writes each session once per commit. */
  @Override
  public StoreBuilder<SessionTable> withCachingEnabled() {
    throw new UnsupportedOperationException("a SessionTable is its store's cache");
  }

  @Override
  public StoreBuilder<SessionTable> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<SessionTable> withLoggingEnabled(Map<String, String> config) {
    store.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<SessionTable> withLoggingDisabled() {
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
