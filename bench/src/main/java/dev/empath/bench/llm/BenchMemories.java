package dev.empath.bench.llm;

import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * Memories of the benchmark's character about each benchmark player, as memory-projector writes
 * them: every request reads, parses and ranks a realistic history instead of an empty one.
 */
final class BenchMemories {

  static final int PER_PLAYER = 20;
  private static final String[] DEEDS = {
    "helped carry supplies to the camp",
    "asked about the old watchtower",
    "lied about the missing relic",
    "shared food during the storm",
    "fought beside her at the bridge"
  };

  private BenchMemories() {}

  static void seed(RedisClient redis, String game, String character, int players) {
    Keyspace keys = new Keyspace(1);
    long now = System.currentTimeMillis();
    List<WriteOp> ops = new ArrayList<>();
    for (int p = 0; p < players; p++) {
      String player = "player-" + p;
      for (int i = 0; i < PER_PLAYER; i++) {
        long at = now - i * 3_600_000L;
        Memory m =
            new Memory(
                player + "-m" + i,
                "talk",
                DEEDS[(p + i) % DEEDS.length],
                "",
                0.2,
                0.1 + (i % 9) / 10.0,
                at,
                "session-" + p,
                "scene");
        ops.add(
            new WriteOp.AddCapped(keys.memories(game, character, player), at, Json.write(m), 50));
      }
    }
    try (AbstractPipeline pipeline = redis.pipelined()) {
      WriteOps.apply(pipeline, ops);
      pipeline.sync();
    }
  }
}
