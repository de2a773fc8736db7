package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.projector.app.ProjectorService;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.UnifiedJedis;

/**
 * The crash-equivalence scenario, on one node or a cluster: the projector is killed abruptly
 * several times while records stream in; afterwards Redis must equal, byte for byte, a clean
 * rebuild from the topics.
 */
final class CrashRounds {

  private CrashRounds() {}

  /**
   * @param between runs after each kill, before the next round (e.g. a Redis node killed)
   */
  static void killRepeatedlyThenCompare(
      ProjectorFixture fixture, UnifiedJedis client, int rounds, Runnable between)
      throws Exception {
    List<ProjectorService> zombies = new ArrayList<>();
    long haltsWithWorkLeft = 0;
    try {
      Keyspace v1 = new Keyspace(1);
      for (int round = 0; round < rounds; round++) {
        fixture.produceMixed(1_000); // a backlog, so the kill lands with work left
        CompletableFuture<Void> producing =
            CompletableFuture.runAsync(() -> fixture.produceMixed(500));
        ProjectorService projector = fixture.startSmallBatchProjector();
        zombies.add(projector);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(1))
            .until(() -> projector.stats().projected() >= 100);
        projector.halt(); // Redis connections cut, loop abandoned mid-batch, consumer not closed
        if (!fixture.caughtUp(client, v1)) {
          haltsWithWorkLeft++;
        }
        producing.get();
        between.run();
      }
      ProjectorService survivor = fixture.startProjector();
      try {
        fixture.awaitCaughtUp(client, v1);
      } finally {
        survivor.close();
      }

      Keyspace clean = fixture.cleanBuild(client, v1);
      SortedMap<String, String> projected = ProjectorFixture.dump(client, v1);
      SortedMap<String, String> rebuilt = ProjectorFixture.dump(client, clean);
      assertThat(haltsWithWorkLeft)
          .as("halts that interrupted unfinished work")
          .isGreaterThanOrEqualTo(rounds - 1);
      assertThat(projected).hasSizeGreaterThan(50);
      assertThat(ProjectorFixture.diff(projected, rebuilt)).isEmpty();
      assertThat(projected).isEqualTo(rebuilt);
      // Every generation result (every fourth event, all of game-1) counted exactly once.
      assertThat(client.hget(v1.usage("game-1"), "requests"))
          .isEqualTo(Integer.toString(rounds * 1_500 / 4));
    } finally {
      for (ProjectorService zombie : zombies) {
        zombie.close();
      }
    }
  }
}
