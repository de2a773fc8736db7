package dev.empath.llm.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.platform.redis.tracking.TrackedCache;
import dev.empath.readmodel.character.CharacterReader;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/** Prompts get the memories memory-projector wrote, through the read model's own layout. */
class ReadModelMemorySourceIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final long DAY = 24L * 3600 * 1000;
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void ranksProjectedMemoriesByImportanceRecencyAndRelevance() {
    RedisClient client = redis.client();
    String game = redis.uniqueName("game");
    long now = 100 * DAY;
    Keyspace v1 = new Keyspace(1);
    project(
        client,
        v1.memories(game, "aria", "p1"),
        memory("e1", "stole the relic", 1.0, now - 3 * DAY),
        memory("e2", "chatted about the weather", 0.2, now - 1000),
        memory("e3", "gave a healing herb", 0.7, now - DAY));
    Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    MemorySource source =
        new ReadModelMemorySource(
            ReadModelMemorySource.uncached(
                new CharacterReader(client, new ActiveVersion(client, 0), () -> now)),
            new MemoryRanking(DAY),
            50,
            clock);

    // recency x importance: 0.5 x 0.7 = 0.35, ~1 x 0.2 = 0.2, 0.125 x 1.0 = 0.125
    assertThat(source.top(game, "aria", "p1", "", 2))
        .extracting(Memory::text)
        .containsExactly("gave a healing herb", "chatted about the weather");
    // A cue word doubles a memory's score: the relic comes back to mind when it is mentioned.
    assertThat(source.top(game, "aria", "p1", "relic", 2))
        .extracting(Memory::text)
        .containsExactly("gave a healing herb", "stole the relic");
    assertThat(source.top(game, "aria", "stranger", "", 3)).isEmpty();
  }

  @Test
  void trackedMemoriesAreReadOnceAndDroppedWhenTheProjectorWritesOne() throws Exception {
    RedisClient client = redis.client();
    String game = redis.uniqueName("game");
    String key = new Keyspace(1).memories(game, "aria", "p1");
    project(client, key, memory("e1", "stole the relic", 1.0, DAY));
    TrackedCache cache = TrackedCache.connect(redis.uri(), client, 100);
    try (TrackedMemories tracked = new TrackedMemories(cache)) {
      await().atMost(WAIT).until(cache::tracking);
      assertThat(tracked.newest(game, "aria", "p1", 50)).hasSize(1);
      long missesBefore = tracked.misses();
      assertThat(tracked.newest(game, "aria", "p1", 50)).hasSize(1);
      assertThat(tracked.misses()).as("a repeated read stays in memory").isEqualTo(missesBefore);

      project(client, key, memory("e2", "gave a healing herb", 0.7, 2 * DAY));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(tracked.newest(game, "aria", "p1", 50))
                      .extracting(Memory::text)
                      .containsExactly("gave a healing herb", "stole the relic"));
    }
  }

  private static void project(
      RedisClient client, String key, dev.empath.readmodel.character.Memory... memories) {
    List<WriteOp> ops = new ArrayList<>();
    for (dev.empath.readmodel.character.Memory m : memories) {
      ops.add(new WriteOp.AddCapped(key, m.timestampMs(), Json.write(m), 50));
    }
    try (AbstractPipeline pipeline = client.pipelined()) {
      WriteOps.apply(pipeline, ops);
      pipeline.sync();
    }
  }

  private static dev.empath.readmodel.character.Memory memory(
      String id, String summary, double importance, long at) {
    return new dev.empath.readmodel.character.Memory(
        id, "talk", summary, "", 0.1, importance, at, "s", "scene");
  }
}
