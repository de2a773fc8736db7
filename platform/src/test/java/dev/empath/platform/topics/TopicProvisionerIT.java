package dev.empath.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicProvisionerIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @Test
  void createsEveryMissingTopicThenFindsThemOnTheNextStart() throws Exception {
    TopicCatalog catalog = TopicCatalog.withPrefix(kafka.uniqueName("prov") + ".");
    TopicProvisioner provisioner = new TopicProvisioner(kafka.adminClient(), Optional.empty());

    TopicProvisioner.Outcome first = provisioner.ensure(catalog.all());
    TopicProvisioner.Outcome second = provisioner.ensure(catalog.all());

    List<String> names = catalog.all().stream().map(TopicSpec::name).toList();
    assertThat(first.created()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(second.created()).isEmpty();
    assertThat(second.existing()).containsExactlyInAnyOrderElementsOf(names);
    var described =
        kafka
            .adminClient()
            .describeTopics(List.of(catalog.behavior().name()))
            .allTopicNames()
            .get();
    assertThat(described.get(catalog.behavior().name()).partitions())
        .hasSize(TopicCatalog.EVENT_PARTITIONS);
  }

  @Test
  void refusesAnExistingTopicWithTheWrongPartitionCount() throws Exception {
    TopicCatalog catalog = TopicCatalog.withPrefix(kafka.uniqueName("parts") + ".");
    kafka
        .adminClient()
        .createTopics(List.of(new NewTopic(catalog.emotion().name(), 2, (short) 1)))
        .all()
        .get();

    assertThatThrownBy(
            () ->
                new TopicProvisioner(kafka.adminClient(), Optional.empty())
                    .ensure(List.of(catalog.emotion())))
        .isInstanceOf(TopicMismatchException.class)
        .hasMessageContaining(catalog.emotion().name() + " has 2 partitions")
        .hasMessageContaining("the configuration wants 6");
  }

  @Test
  void refusesAPolicyTopicThatIsNotCompacted() throws Exception {
    TopicCatalog catalog = TopicCatalog.withPrefix(kafka.uniqueName("cleanup") + ".");
    kafka
        .adminClient()
        .createTopics(
            List.of(
                new NewTopic(catalog.narrativePolicy().name(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"))))
        .all()
        .get();

    assertThatThrownBy(
            () ->
                new TopicProvisioner(kafka.adminClient(), Optional.empty())
                    .ensure(List.of(catalog.narrativePolicy())))
        .isInstanceOf(TopicMismatchException.class)
        .hasMessageContaining("cleanup.policy=delete, the catalog requires compact");
  }
}
