package dev.empath.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @Test
  void transactionalRecordsReachReadCommittedGroupConsumer() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    try {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
      assertThat(kafka.external()).isFalse();

      String topic = UniqueNames.next("tx");
      KafkaRoundTrip.createTopic(kafka.bootstrapServers(), topic);
      KafkaRoundTrip.transactionalRoundTrip(kafka.bootstrapServers(), topic);
    } finally {
      kafka.close();
    }
    kafka.close(); // idempotent
    assertThat(kafka.dataDir()).doesNotExist();
  }

  @Test
  void restartOnSameDataDirKeepsTopicsAndRecords(@TempDir Path dataDir) throws Exception {
    String topic = UniqueNames.next("durable");
    int port;
    String clusterId;
    try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dataDir).start()) {
      port = first.port();
      clusterId = first.clusterId();
      KafkaRoundTrip.createTopic(first.bootstrapServers(), topic);
      KafkaRoundTrip.produce(first.bootstrapServers(), topic, "key", "survives-restart");
    }
    assertThat(dataDir).isDirectory();

    try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(dataDir).port(port).start()) {
      assertThat(second.clusterId()).isEqualTo(clusterId);
      assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);

      List<ConsumerRecord<String, String>> records =
          KafkaRoundTrip.readAll(second.bootstrapServers(), topic, 1);
      assertThat(records).extracting(ConsumerRecord::value).containsExactly("survives-restart");
    }
    assertThat(Files.list(dataDir)).isNotEmpty();
  }

  @Test
  void twoIndependentBrokersInOneJvm() throws Exception {
    try (EmbeddedKafka a = EmbeddedKafka.start();
        EmbeddedKafka b = EmbeddedKafka.builder().brokerProperty("num.partitions", "3").start();
        Admin adminA = admin(a);
        Admin adminB = admin(b)) {
      assertThat(a.bootstrapServers()).isNotEqualTo(b.bootstrapServers());
      assertThat(a.clusterId()).isNotEqualTo(b.clusterId());

      String topic = UniqueNames.next("only-on-b");
      // No partition count: the broker default applies, here the overridden num.partitions.
      adminB
          .createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
          .all()
          .get(30, TimeUnit.SECONDS);

      Map<String, TopicDescription> described =
          adminB.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(described.get(topic).partitions()).hasSize(3);
      Set<String> topicsOnA = adminA.listTopics().names().get(30, TimeUnit.SECONDS);
      assertThat(topicsOnA).doesNotContain(topic);

      KafkaRoundTrip.produce(b.bootstrapServers(), topic, "k", "v");
      KafkaRoundTrip.createTopic(a.bootstrapServers(), topic);
      KafkaRoundTrip.produce(a.bootstrapServers(), topic, "k", "on-a");
      assertThat(KafkaRoundTrip.readAll(a.bootstrapServers(), topic, 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("on-a");
    }
  }

  @Test
  void externalEndpointLeavesTheClusterRunning() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      KafkaEndpoint external = KafkaEndpoint.external(kafka.bootstrapServers());
      assertThat(external.external()).isTrue();
      external.close();

      String topic = UniqueNames.next("still-up");
      KafkaRoundTrip.createTopic(external.bootstrapServers(), topic);
      KafkaRoundTrip.produce(external.bootstrapServers(), topic, "k", "v");
    }
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
