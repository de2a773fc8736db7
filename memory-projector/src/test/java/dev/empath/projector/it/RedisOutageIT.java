package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.readmodel.keys.Keyspace;
import java.net.URI;
import java.time.Duration;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.args.ClientPauseMode;

/** Redis stops answering: the projector retries, pauses instead of skipping, then resumes. */
class RedisOutageIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void unresponsiveRedisPausesConsumptionAndNothingIsSkipped() {
    RedisClient client = redis.client();
    Keyspace v1 = new Keyspace(1);
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis)) {
      ProjectorSettings d = fixture.settings();
      ProjectorSettings fewRetries =
          new ProjectorSettings(
              d.groupId(),
              d.rules(),
              2,
              d.initialBackoff(),
              d.maxBackoff(),
              d.pollTimeout(),
              d.checkInterval(),
              d.cacheEntries());
      try (ProjectorService projector = fixture.startProjector(fewRetries)) {
        fixture.produceMixed(200);
        fixture.awaitCaughtUp(client, v1);

        // Every client's commands block for 15 s: the projector's calls time out (2 s each). The
        // pause cannot be lifted early (CLIENT UNPAUSE is paused too), so it leaves room for the
        // two failed attempts on a loaded machine: 7 s was once too short in CI (one attempt
        // failed, the second ran after the pause).
        try (Jedis admin = new Jedis(URI.create(redis.uri()))) {
          admin.clientPause(15_000, ClientPauseMode.ALL);
        }
        fixture.produceMixed(300);
        await().atMost(Duration.ofSeconds(60)).until(() -> projector.stats().paused());
        assertThat(projector.stats().failedAttempts()).isGreaterThanOrEqualTo(2);

        await().atMost(Duration.ofSeconds(60)).until(() -> !projector.stats().paused());
        fixture.awaitCaughtUp(client, v1);
        assertThat(projector.isRunning()).isTrue();
      }
      SortedMap<String, String> projected = ProjectorFixture.dump(client, v1);
      SortedMap<String, String> rebuilt =
          ProjectorFixture.dump(client, fixture.cleanBuild(client, v1));
      assertThat(ProjectorFixture.diff(projected, rebuilt)).isEmpty();
    }
  }
}
