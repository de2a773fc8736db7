package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.rebuild.Rebuilder;
import dev.empath.projector.store.KeyspaceAdmin;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** A rebuild into a new version while the old one serves, then an atomic switch-over. */
class RebuildSwitchIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void rebuildsBesideTheServingVersionThenSwitchesAndDeletesTheOld() {
    RedisClient client = redis.client();
    Keyspace v1 = new Keyspace(1);
    ReadModel readers = new ReadModel(client, new ActiveVersion(client, 0));
    KeyspaceAdmin admin = new KeyspaceAdmin(client);
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis);
        ProjectorService projector = fixture.startProjector()) {
      fixture.produceMixed(600);
      fixture.awaitCaughtUp(client, v1);
      EmotionSnapshot served = readers.sessions().latestEmotion("game-1", "s-1").orElseThrow();

      // Readers must keep getting the old version's answers until the switch.
      AtomicReference<Keyspace> seenDuringRebuild = new AtomicReference<>();
      AtomicReference<EmotionSnapshot> readDuringRebuild = new AtomicReference<>();
      Rebuilder.Result result =
          fixture
              .rebuilder(client, Duration.ofMillis(300))
              .rebuild(
                  built -> {
                    seenDuringRebuild.set(readers.activeKeyspace());
                    readDuringRebuild.set(
                        readers.sessions().latestEmotion("game-1", "s-1").orElseThrow());
                    assertThat(admin.exists(built)).isTrue();
                  });

      assertThat(seenDuringRebuild.get()).isEqualTo(v1);
      assertThat(readDuringRebuild.get()).isEqualTo(served);
      assertThat(result.to()).isEqualTo(new Keyspace(2));
      assertThat(result.events()).isGreaterThanOrEqualTo(600);
      assertThat(readers.activeKeyspace()).isEqualTo(new Keyspace(2));
      assertThat(readers.sessions().latestEmotion("game-1", "s-1")).contains(served);
      assertThat(admin.exists(v1)).isFalse();
      assertThat(result.deletedKeys()).isPositive();

      // The live projector follows the switch and keeps projecting into version 2.
      fixture.produceMixed(200);
      Keyspace v2 = new Keyspace(2);
      fixture.awaitCaughtUp(client, v2);
      assertThat(projector.stats().switches()).isPositive();
      assertThat(admin.exists(v1)).isFalse();
      SortedMap<String, String> live = ProjectorFixture.dump(client, v2);
      SortedMap<String, String> rebuilt =
          ProjectorFixture.dump(client, fixture.cleanBuild(client, v2));
      assertThat(ProjectorFixture.diff(live, rebuilt)).isEmpty();
    }
  }
}
