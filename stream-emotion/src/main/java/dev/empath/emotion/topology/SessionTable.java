package dev.empath.emotion.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
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
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The {@code BY_SESSION} sessions: decoded records in memory, written to a logged RocksDB store
 * once per commit.
 *
 * <p>Why not Kafka's record cache: it serializes the value and updates a sorted map of byte keys on
 * every put, which was a third of the stream thread's time; a session is written on every event but
 * needs to reach the store and its changelog only when the task commits. So {@link #put} only
 * remembers the record, and {@link #flushCache} writes the records changed since the last commit,
 * each once. The task calls {@code flushCache} on every store implementing {@link CachedStateStore}
 * before it flushes its producer and commits the transaction, so these writes commit together with
 * the output and input offsets they belong to. (That interface is Kafka Streams' internal contract
 * with its own caching layer; {@code SessionTableTest} and {@code EmotionExactlyOnceIT} pin the
 * behaviour this class relies on.)
 *
 * <p>Records are immutable, so handing the same instance to the store and to readers is safe. The
 * in-memory state is dropped whenever the store is (re)initialised or closed: the store is the
 * truth after a restore or a dirty close.
 */
public final class SessionTable implements StateStore, CachedStateStore<String, SessionRecord> {

  /** Sessions kept decoded per task; beyond this the least recently active are read again. */
  static final int LIVE_SESSIONS = 4096;

  private final KeyValueStore<String, SessionRecord> store;
  private final LiveSessions live = new LiveSessions();

  /** The entries of {@link #live} changed since the last commit, in the order they changed. */
  private final List<Entry> changed = new ArrayList<>();

  SessionTable(KeyValueStore<String, SessionRecord> store) {
    this.store = store;
  }

  /** The session's latest record, or null for a session this task does not know. */
  public SessionRecord get(String sessionId) {
    Entry entry = entry(sessionId);
    return entry == null ? null : entry.record;
  }

  /** Replaces the session's record; it reaches the store and its changelog at the next commit. */
  void put(String sessionId, SessionRecord record) {
    Entry entry = live.get(sessionId);
    if (entry == null) {
      entry = new Entry(sessionId);
      live.put(sessionId, entry);
    }
    entry.record = record;
    if (!entry.changed) {
      entry.changed = true;
      changed.add(entry);
    }
  }

  private Entry entry(String sessionId) {
    Entry entry = live.get(sessionId);
    if (entry == null) {
      SessionRecord stored = store.get(sessionId);
      if (stored == null) {
        return null;
      }
      entry = new Entry(sessionId);
      entry.record = stored;
      live.put(sessionId, entry);
    }
    return entry;
  }

  /** Forgets sessions last active before {@code cutoffMs}; returns how many. */
  int deleteIdleSince(long cutoffMs) {
    Set<String> idle = new LinkedHashSet<>();
    Set<String> changedIds = new HashSet<>();
    // Changed sessions by their latest record: some may have begun and gone idle since the last
    // commit (a replay moves stream time fast), before the store ever saw them.
    for (Entry entry : changed) {
      changedIds.add(entry.sessionId);
      if (entry.record.lastActiveMs() < cutoffMs) {
        idle.add(entry.sessionId);
      }
    }
    try (KeyValueIterator<String, SessionRecord> stored = store.all()) {
      while (stored.hasNext()) {
        KeyValue<String, SessionRecord> entry = stored.next();
        if (!changedIds.contains(entry.key) && entry.value.lastActiveMs() < cutoffMs) {
          idle.add(entry.key);
        }
      }
    }
    changed.removeIf(entry -> idle.contains(entry.sessionId));
    for (String id : idle) {
      live.remove(id);
      store.delete(id);
    }
    return idle.size();
  }

  /** Writes the sessions changed since the last commit; the task commits right after. */
  @Override
  public void flushCache() {
    if (changed.isEmpty()) {
      return;
    }
    List<KeyValue<String, SessionRecord>> batch = new ArrayList<>(changed.size());
    for (Entry entry : changed) {
      batch.add(KeyValue.pair(entry.sessionId, entry.record));
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

  /** Nothing downstream listens: sessions are not forwarded as a table. */
  @Override
  public boolean setFlushListener(
      CacheFlushListener<String, SessionRecord> listener, boolean sendOldValues) {
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

  /** Kafka Streams 4 calls {@link #commit}; this keeps older callers working alike. */
  @Override
  @Deprecated
  @SuppressWarnings("deprecation")
  public void flush() {
    store.flush();
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

  /** A session's latest record, and whether it changed since the last commit. */
  private static final class Entry {
    final String sessionId;
    SessionRecord record;
    boolean changed;

    Entry(String sessionId) {
      this.sessionId = sessionId;
    }
  }

  /**
   * Decoded records of recently active sessions, least recently used evicted first, never before
   * the commit has written their changes.
   */
  private static final class LiveSessions extends LinkedHashMap<String, Entry> {
    private static final long serialVersionUID = 1L;

    LiveSessions() {
      super(LIVE_SESSIONS * 2, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      // A changed entry stays until the commit has written it: the store's copy is older.
      return size() > LIVE_SESSIONS && !eldest.getValue().changed;
    }
  }
}
