package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.projector.app.ProjectorService;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Redis comes back without its last writes, as after a SIGKILL with {@code appendfsync everysec}
 * (up to about a second of acknowledged writes lost, with the offsets written beside them): the
 * projector, idle by then, notices that Redis holds older offsets than it applied, replays from
 * them and converges on a clean rebuild.
 */
class RedisLostWritesIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void aRedisThatLostItsLastWritesIsRepairedFromTheOffsetsItStillHolds() {
    RedisClient client = redis.client();
    Keyspace v1 = new Keyspace(1);
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis)) {
      try (ProjectorService first = fixture.startProjector()) {
        fixture.produceMixed(600);
        fixture.awaitCaughtUp(client, v1);
      }
      Map<String, byte[]> lastFsynced = snapshot(client);

      try (ProjectorService projector = fixture.startProjector()) {
        fixture.produceMixed(300);
        fixture.awaitCaughtUp(client, v1);
        // What a restart on an append-only file that missed the last writes holds: an older
        // state, whole, writes and offsets together.
        client.flushAll();
        lastFsynced.forEach((key, value) -> client.restore(key, 0, value));
        assertThat(fixture.caughtUp(client, v1)).isFalse();

        // Nothing new arrives: the periodic check alone must notice.
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.caughtUp(client, v1));
        assertThat(projector.stats().lostOffsets()).isPositive();
      }

      SortedMap<String, String> projected = ProjectorFixture.dump(client, v1);
      SortedMap<String, String> rebuilt =
          ProjectorFixture.dump(client, fixture.cleanBuild(client, v1));
      assertThat(ProjectorFixture.diff(projected, rebuilt)).isEmpty();
      assertThat(projected).isEqualTo(rebuilt);
    }
  }

  private static Map<String, byte[]> snapshot(RedisClient client) {
    Map<String, byte[]> out = new HashMap<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = client.scan(cursor, new ScanParams().count(1_000));
      page.getResult().forEach(key -> out.put(key, client.dump(key)));
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return out;
  }
}
