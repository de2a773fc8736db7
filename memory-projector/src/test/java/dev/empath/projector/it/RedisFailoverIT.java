package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.EmbeddedRedis;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisClusterExtension;
import dev.empath.projector.app.ProjectorService;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * A Redis primary killed while the projector streams into the cluster: its replica takes over, the
 * projector carries on, and the projection equals a clean rebuild, nothing lost or applied twice.
 */
class RedisFailoverIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisClusterExtension redis = new RedisClusterExtension();

  @Test
  void aPrimaryKilledMidStreamLeavesAProjectionEqualToACleanRebuild() throws Exception {
    RedisClusterClient client = redis.client();
    Keyspace v1 = new Keyspace(1);
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis)) {
      fixture.produceMixed(1_000);
      CompletableFuture<Void> producing =
          CompletableFuture.runAsync(() -> fixture.produceMixed(1_000));
      ProjectorService projector = fixture.startSmallBatchProjector();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(1))
            .until(() -> projector.stats().projected() >= 300);
        EmbeddedRedis victim = redis.cluster().primaries().get(0);
        EmbeddedRedis replica = redis.cluster().replicas().get(0);
        victim.kill();
        assertThat(fixture.caughtUp(client, v1)).as("killed with work left").isFalse();
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () -> {
                  try (Jedis r = new Jedis(replica.host(), replica.port())) {
                    return r.info("replication").contains("role:master");
                  }
                });
        producing.get();
        fixture.awaitCaughtUp(client, v1);
        assertThat(projector.failure()).isEmpty();
        assertThat(projector.stats().failedAttempts())
            .as("commits that met the failover")
            .isPositive();
      } finally {
        projector.close();
      }

      Keyspace clean = fixture.cleanBuild(client, v1);
      SortedMap<String, String> projected = ProjectorFixture.dump(client, v1);
      SortedMap<String, String> rebuilt = ProjectorFixture.dump(client, clean);
      assertThat(projected).hasSizeGreaterThan(50);
      assertThat(ProjectorFixture.diff(projected, rebuilt)).isEmpty();
      assertThat(projected).isEqualTo(rebuilt);
      assertThat(client.hget(v1.usage("game-1"), "requests")).isEqualTo("500");
    }
  }
}
