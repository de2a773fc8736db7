package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores' write cache: changes are visible at once, reach the store only when the task flushes
 * before a commit, and are dropped with an aborted commit.
 */
class WriteBehindTableTest {

  @TempDir Path stateDir;

  private KeyValueStore<String, SessionRecord> store;
  private WriteBehindTable<SessionRecord> table;

  @BeforeEach
  void openTable() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("sessions"), Serdes.String(), StateSerdes.session())
            .withLoggingDisabled()
            .withCachingDisabled()
            .build();
    table = new WriteBehindTable<>(store);
    table.init(new MockProcessorContext<>().getStateStoreContext(), table);
  }

  @AfterEach
  void closeTable() {
    table.close();
  }

  @Test
  void aChangeIsReadAtOnceAndReachesTheStoreAtTheNextFlush() {
    table.put("s1", record(10));

    assertThat(table.get("s1")).isEqualTo(record(10));
    assertThat(store.get("s1")).isNull();

    table.flushCache();
    assertThat(store.get("s1")).isEqualTo(record(10));
  }

  @Test
  void onlyTheLastChangeOfACommitIntervalIsWritten() {
    table.put("s1", record(10));
    table.put("s1", record(20));
    table.flushCache();

    assertThat(store.get("s1")).isEqualTo(record(20));
  }

  @Test
  void clearingTheCacheDropsChangesNotYetFlushed() {
    table.put("s1", record(10));
    table.flushCache();
    table.put("s1", record(20));
    table.put("s2", record(20));

    table.clearCache();

    assertThat(table.get("s1")).isEqualTo(record(10));
    assertThat(table.get("s2")).isNull();
  }

  @Test
  void aChangedValueOutlivesTheDecodedLimitUntilTheCommitWritesIt() {
    int sessions = WriteBehindTable.LIVE_ENTRIES + 10;
    for (int i = 0; i < sessions; i++) {
      table.put("s" + i, record(i));
    }

    assertThat(table.get("s0")).isEqualTo(record(0));
    table.flushCache();
    assertThat(store.approximateNumEntries()).isEqualTo(sessions);
    assertThat(store.get("s0")).isEqualTo(record(0));
  }

  @Test
  void matchingValuesAreDeletedWhetherFlushedOrNot() {
    table.put("flushed-idle", record(10));
    table.put("flushed-active", record(10));
    table.flushCache();
    table.put("flushed-active", record(500));
    table.put("unflushed-idle", record(20));
    table.put("unflushed-active", record(600));

    assertThat(table.deleteIf(r -> r.lastActiveMs() < 100)).isEqualTo(2);

    table.flushCache();
    assertThat(store.get("flushed-idle")).isNull();
    assertThat(store.get("unflushed-idle")).isNull();
    assertThat(table.get("flushed-idle")).isNull();
    assertThat(table.get("unflushed-idle")).isNull();
    assertThat(store.get("flushed-active")).isEqualTo(record(500));
    assertThat(store.get("unflushed-active")).isEqualTo(record(600));
  }

  /**
   * Kafka Streams flushes every {@code CachedStateStore} before it commits (the driver commits
   * after each record): the changelog then holds each session's latest record, the state a restore
   * rebuilds.
   */
  @Test
  void theSessionsChangelogGetsEachSessionsLatestRecordWhenTheTaskCommits() {
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      SessionRecord last =
          playCheckingTheChangelog(d, EmotionTopology.SESSION_STORE, StateSerdes.session(), "s1");
      assertThat(last.state().features().eventsSeen()).isEqualTo(5);
    }
  }

  @Test
  void thePlayersChangelogGetsEachPlayersLatestStateWhenTheTaskCommits() {
    EmotionSettings byPlayer =
        EmotionSettings.defaults().withRouting(EmotionSettings.BaselineRouting.BY_PLAYER);
    try (EmotionDriver d = new EmotionDriver(stateDir, byPlayer, new TransparentEmotionModel())) {
      PlayerState last =
          playCheckingTheChangelog(
              d, EmotionTopology.PLAYER_STORE, StateSerdes.player(), "game-1/p1");
      assertThat(last.baseline().observations()).isEqualTo(5);
    }
  }

  /**
   * Plays five events of one session; after each, the store's changelog must have received exactly
   * one record: {@code key}'s latest value. Returns the last value.
   */
  private static <V> V playCheckingTheChangelog(
      EmotionDriver d, String store, Serde<V> values, String key) {
    TestOutputTopic<String, V> logged =
        d.driver.createOutputTopic(
            EmotionSettings.defaults().applicationId() + "-" + store + "-changelog",
            Serdes.String().deserializer(),
            values.deserializer());
    @SuppressWarnings("unchecked")
    WriteBehindTable<V> table = (WriteBehindTable<V>) d.driver.getStateStore(store);
    for (ScriptedBehavior e : fiveEvents()) {
      d.send(e.event());
      List<TestRecord<String, V>> written = logged.readRecordsToList();
      assertThat(written).as("after %s", e.event().getEventId()).hasSize(1);
      assertThat(written.get(0).key()).isEqualTo(key);
      assertThat(written.get(0).value()).isEqualTo(table.get(key));
    }
    return table.get(key);
  }

  private static List<ScriptedBehavior> fiveEvents() {
    return new BehaviorSimulator(3)
        .session(
            new PlayerProfile("game-1", "p1", 1.0),
            "s1",
            EmotionTopologyTest.T0,
            EmotionTopologyTest.calm(5));
  }

  private static SessionRecord record(long lastActiveMs) {
    return new SessionRecord(
        "game-1/p1", PlayerBaseline.prior(), SessionState.initial(), lastActiveMs);
  }
}
