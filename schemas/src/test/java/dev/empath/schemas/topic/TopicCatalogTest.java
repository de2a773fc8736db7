package dev.empath.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

  @Test
  void productionNamesAreTheDocumentedOnes() {
    List<String> names = TopicCatalog.standard().all().stream().map(TopicSpec::name).toList();

    assertThat(names)
        .containsExactly(
            "empath.behavior.v1",
            "empath.interaction.v1",
            "empath.emotion.v1",
            "empath.emotion.model.v1",
            "empath.emotion.model.accepted.v1",
            "empath.emotion.label.v1",
            "empath.narrative.v1",
            "empath.narrative.policy.v1",
            "empath.narrative.policy.accepted.v1",
            "empath.generation.request.v1",
            "empath.generation.result.v1",
            "empath.dlq.v1",
            "empath.dlq.redrive.v1");
  }

  @Test
  void policyTopicIsCompactedAndSessionTopicsShareAPartitionCount() {
    TopicCatalog catalog = TopicCatalog.standard();

    assertThat(catalog.narrativePolicy().topicConfigs())
        .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
    assertThat(
            List.of(
                catalog.behavior().partitions(),
                catalog.emotion().partitions(),
                catalog.narrative().partitions(),
                catalog.generationRequest().partitions(),
                catalog.generationResult().partitions()))
        .containsOnly(TopicCatalog.EVENT_PARTITIONS);
    assertThat(catalog.behavior().keyMeaning()).isEqualTo("session_id");
    assertThat(catalog.interaction().keyMeaning()).isEqualTo("character_id");
  }

  @Test
  void aDeploymentSetsTheEventTopicsCountAndOverridesOneTopic() {
    TopicCatalog catalog =
        TopicCatalog.of(
            "p.",
            new TopicPartitions(
                3, name -> name.equals("empath.dlq.v1") ? Optional.of(12) : Optional.empty()));

    assertThat(catalog.behavior().partitions()).isEqualTo(3);
    assertThat(catalog.generationResult().partitions()).isEqualTo(3);
    assertThat(catalog.eventPartitions("empath.emotion.baseline.v1")).isEqualTo(3);
    assertThat(catalog.deadLetter().partitions()).isEqualTo(12);
    assertThat(catalog.narrativePolicy().partitions()).isEqualTo(1);
    assertThat(catalog.deadLetter().name()).isEqualTo("p.empath.dlq.v1");
  }

  @Test
  void prefixedCatalogRenamesEveryTopic() {
    assertThat(TopicCatalog.withPrefix("shadow-1.").all())
        .allSatisfy(spec -> assertThat(spec.name()).startsWith("shadow-1.empath."));
  }

  @Test
  void eventLogsThatFeedProjectionsAreKeptForever() {
    assertThat(TopicCatalog.standard().interaction().topicConfigs())
        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
  }
}
