package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.projector.app.ProjectorService;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Redis loses everything mid-stream; the projector notices, replays and converges. */
class RedisFlushIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void flushedRedisIsRebuiltFromTheBeginningAndConverges() {
    RedisClient client = redis.client();
    Keyspace v1 = new Keyspace(1);
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis);
        ProjectorService projector = fixture.startProjector()) {
      fixture.produceMixed(800);
      fixture.awaitCaughtUp(client, v1);
      SortedMap<String, String> before = ProjectorFixture.dump(client, v1);

      client.flushAll();
      // Nothing new arrives for a while: the periodic check alone must notice the loss.
      await().atMost(Duration.ofSeconds(60)).until(() -> fixture.caughtUp(client, v1));
      assertThat(ProjectorFixture.dump(client, v1)).isEqualTo(before);
      assertThat(projector.stats().lostOffsets()).isPositive();

      // A second flush while records stream in.
      fixture.produceMixed(400);
      client.flushAll();
      fixture.produceMixed(400);
      fixture.awaitCaughtUp(client, v1);

      SortedMap<String, String> projected = ProjectorFixture.dump(client, v1);
      SortedMap<String, String> rebuilt =
          ProjectorFixture.dump(client, fixture.cleanBuild(client, v1));
      assertThat(ProjectorFixture.diff(projected, rebuilt)).isEmpty();
      assertThat(projected).isEqualTo(rebuilt);
    }
  }
}
