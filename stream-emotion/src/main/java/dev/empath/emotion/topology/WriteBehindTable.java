package dev.empath.emotion.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store of decoded values, written to a logged RocksDB store once per commit: the sessions
 * ({@code BY_SESSION}) and players ({@code BY_PLAYER}) of stream-emotion.
 *
 * <p>Why not Kafka's record cache: it keeps serialized values, so a value read and written on every
 * event is decoded and encoded every time, and it updates a sorted map of byte keys on every put;
 * together the largest cost of the stream thread. A value needs to reach the store and its
 * changelog only when the task commits. So {@link #put} only remembers the value, and {@link
 * #flushCache} writes the values changed since the last commit, each once. The task calls {@code
 * flushCache} on every store implementing {@link CachedStateStore} before it flushes its producer
 * and commits the transaction, so these writes commit together with the output and input offsets
 * they belong to. (That interface is Kafka Streams' internal contract with its own caching layer;
 * {@code WriteBehindTableTest} and {@code EmotionExactlyOnceIT} pin the behaviour this class relies
 * on.)
 *
 * <p>Values must be immutable: the same instance goes to the store and to every reader. The
 * in-memory state is dropped whenever the store is (re)initialised or closed: the store is the
 * truth after a restore or a dirty close.
 */
public final class WriteBehindTable<V> implements StateStore, CachedStateStore<String, V> {

  /** Values kept decoded per task; beyond this the least recently used are read again. */
  static final int LIVE_ENTRIES = 4096;

  private final KeyValueStore<String, V> store;
  private final LiveEntries<V> live = new LiveEntries<>();

  /** The entries of {@link #live} changed since the last commit, in the order they changed. */
  private final List<Entry<V>> changed = new ArrayList<>();

  WriteBehindTable(KeyValueStore<String, V> store) {
    this.store = store;
  }

  /** A table over a logged RocksDB store named {@code name}. */
  static <V> StoreBuilder<WriteBehindTable<V>> builder(String name, Serde<V> values) {
    return new WriteBehindTableBuilder<>(name, values);
  }

  /** The key's latest value, or null for a key this task does not know. */
  public V get(String key) {
    Entry<V> entry = live.get(key);
    if (entry == null) {
      V stored = store.get(key);
      if (stored == null) {
        return null;
      }
      entry = new Entry<>(key, stored);
      live.put(key, entry);
    }
    return entry.value;
  }

  /** Replaces the key's value; it reaches the store and its changelog at the next commit. */
  public void put(String key, V value) {
    Entry<V> entry = live.get(key);
    if (entry == null) {
      entry = new Entry<>(key, value);
      live.put(key, entry);
    }
    entry.value = value;
    if (!entry.changed) {
      entry.changed = true;
      changed.add(entry);
    }
  }

  /** Deletes the keys whose latest value matches; returns how many. */
  int deleteIf(Predicate<? super V> condition) {
    Set<String> matching = new LinkedHashSet<>();
    Set<String> changedKeys = new HashSet<>();
    // Changed values first, by their latest value: some never reached the store yet (in a replay,
    // stream time moves fast enough for a session to begin and go idle within one commit).
    for (Entry<V> entry : changed) {
      changedKeys.add(entry.key);
      if (condition.test(entry.value)) {
        matching.add(entry.key);
      }
    }
    try (KeyValueIterator<String, V> stored = store.all()) {
      while (stored.hasNext()) {
        KeyValue<String, V> entry = stored.next();
        if (!changedKeys.contains(entry.key) && condition.test(entry.value)) {
          matching.add(entry.key);
        }
      }
    }
    changed.removeIf(entry -> matching.contains(entry.key));
    for (String key : matching) {
      live.remove(key);
      store.delete(key);
    }
    return matching.size();
  }

  /** Writes the values changed since the last commit; the task commits right after. */
  @Override
  public void flushCache() {
    if (changed.isEmpty()) {
      return;
    }
    List<KeyValue<String, V>> batch = new ArrayList<>(changed.size());
    for (Entry<V> entry : changed) {
      batch.add(KeyValue.pair(entry.key, entry.value));
      entry.changed = false;
    }
    store.putAll(batch);
    changed.clear();
  }

  /** Uncommitted changes are discarded (a dirty close): the changelog has the committed state. */
  @Override
  public void clearCache() {
    changed.clear();
    live.clear();
  }

  /** Nothing downstream listens: the values are not forwarded as a table. */
  @Override
  public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    clearCache();
    store.init(context, root);
  }

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    store.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return store.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return store.managesOffsets();
  }

  @Override
  public void close() {
    clearCache();
    store.close();
  }

  @Override
  public boolean persistent() {
    return store.persistent();
  }

  @Override
  public boolean isOpen() {
    return store.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return store.query(query, bound, config);
  }

  @Override
  public Position getPosition() {
    return store.getPosition();
  }

  @Override
  public long approximateNumUncommittedBytes() {
    return store.approximateNumUncommittedBytes();
  }

  /** A key's latest value, and whether it changed since the last commit. */
  private static final class Entry<V> {
    final String key;
    V value;
    boolean changed;

    Entry(String key, V value) {
      this.key = key;
      this.value = value;
    }
  }

  /**
   * Decoded values of recently used keys, least recently used evicted first, never before the
   * commit has written their changes.
   */
  private static final class LiveEntries<V> extends LinkedHashMap<String, Entry<V>> {
    private static final long serialVersionUID = 1L;

    LiveEntries() {
      super(LIVE_ENTRIES * 2, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
      // A changed entry stays until the commit has written it: the store's copy is older.
      return size() > LIVE_ENTRIES && !eldest.getValue().changed;
    }
  }
}
