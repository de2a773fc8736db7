package dev.empath.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class TopicCheckTest {

  private static final TopicSpec<?, ?> BEHAVIOR = TopicCatalog.standard().behavior();

  @Test
  void aTopicAsConfiguredHasNoProblem() {
    assertThat(check(6, 3, "2", settings(3, 2))).isEmpty();
    assertThat(check(6, 1, "1", TopicSettings.BROKER_DEFAULTS)).isEmpty();
  }

  @Test
  void eachDifferenceNamesTopicFoundWantedAndWhatToDo() {
    assertThat(check(3, 3, "2", settings(3, 2)))
        .singleElement()
        .asString()
        .startsWith("topic empath.behavior.v1 has 3 partitions, the configuration wants 6: set")
        .contains("to 3 to use it as it is, or recreate it");
    assertThat(check(6, 1, "1", settings(3, 1)))
        .singleElement()
        .asString()
        .contains("has replication factor 1, the configuration wants 3")
        .contains("kafka-reassign-partitions");
    assertThat(check(6, 3, "1", settings(3, 2)))
        .singleElement()
        .asString()
        .contains("has min.insync.replicas=1, the configuration wants 2")
        .contains("--entity-name empath.behavior.v1 --add-config min.insync.replicas=2");
  }

  @Test
  void unconfiguredReplicationIsNotChecked() {
    assertThat(check(6, 2, "1", TopicSettings.BROKER_DEFAULTS)).isEmpty();
  }

  @Test
  void moreInsyncReplicasThanReplicasIsRefused() {
    assertThat(check(6, 2, "3", TopicSettings.BROKER_DEFAULTS))
        .singleElement()
        .asString()
        .contains("has 2 replicas but min.insync.replicas=3");
  }

  private static TopicSettings settings(int replication, int minInsync) {
    return new TopicSettings(Optional.of((short) replication), Optional.of(minInsync));
  }

  private static List<String> check(
      int partitions, int replicas, String minInsync, TopicSettings settings) {
    List<Node> nodes = IntStream.range(0, replicas).mapToObj(i -> new Node(i, "h", 9092)).toList();
    TopicDescription description =
        new TopicDescription(
            BEHAVIOR.name(),
            false,
            IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartitionInfo(p, nodes.get(0), nodes, nodes))
                .toList(),
            java.util.Set.of(),
            Uuid.randomUuid());
    Config config =
        new Config(
            List.of(
                new ConfigEntry("cleanup.policy", "delete"),
                new ConfigEntry("min.insync.replicas", minInsync)));
    return TopicCheck.problems(BEHAVIOR, description, config, settings);
  }
}
