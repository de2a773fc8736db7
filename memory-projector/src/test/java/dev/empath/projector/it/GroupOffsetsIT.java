package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.readmodel.keys.Keyspace;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The projector tells its consumer group what it applied, so Kafka's tools show its lag. */
class GroupOffsetsIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void theGroupsCommittedOffsetsReachTheEndOnceEverythingIsProjected() {
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis)) {
      ProjectorSettings settings = fixture.settings();
      try (ProjectorService projector = fixture.startProjector(settings)) {
        fixture.produceMixed(400);
        fixture.awaitCaughtUp(redis.client(), new Keyspace(1));
        Map<TopicPartition, Long> expected = new HashMap<>(fixture.endOffsets());
        expected.values().removeIf(end -> end == 0); // nothing applied, nothing to commit
        assertThat(expected).isNotEmpty();

        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> assertThat(committed(settings.groupId())).isEqualTo(expected));
        assertThat(projector.stats().projected()).isEqualTo(400);
      }
    }
  }

  private static Map<TopicPartition, Long> committed(String groupId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        kafka.adminClient().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> out = new HashMap<>();
    offsets.forEach((tp, o) -> out.put(tp, o.offset()));
    return out;
  }
}
