package dev.empath.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.cli.CliRun;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.history.scan.KeyPartitions;
import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.Catalogs;
import dev.empath.platform.topics.TopicMismatchException;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.platform.topics.TopicSettings;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment's partition count, replication factor and {@code min.insync.replicas} on a 3-broker
 * cluster: topics are created with them, an existing topic that agrees is accepted, one that
 * differs is refused in one line before a service is built, and the tools find a session's records
 * on 3 partitions.
 */
class ConfiguredTopicsIT {

  @RegisterExtension static final KafkaExtension kafka = KafkaExtension.cluster(3);

  /** A day ago: brokers refuse timestamps far ahead of their clock. */
  private static final long T0 = System.currentTimeMillis() - 86_400_000L;

  @Test
  void createsWithTheConfiguredCountsAndAcceptsThemAgain() throws Exception {
    EmpathConfig config = config(kafka.uniqueName("created") + ".", "3", "3", "2");
    TopicCatalog catalog = Catalogs.topics(config);

    TopicProvisioner.Outcome first = provisioner(config).ensure(catalog.all());
    TopicProvisioner.Outcome again = provisioner(config).ensure(catalog.all());

    assertThat(first.created()).hasSize(catalog.all().size());
    assertThat(again.existing()).hasSize(catalog.all().size());
    TopicDescription behavior = describe(catalog.behavior());
    assertThat(behavior.partitions()).hasSize(3);
    assertThat(behavior.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
    assertThat(minInsync(catalog.behavior())).isEqualTo("2");
    assertThat(describe(catalog.deadLetter()).partitions()).as("the catalog's own").hasSize(3);
    assertThat(describe(catalog.narrativePolicy()).partitions()).hasSize(1);
  }

  @Test
  void refusesAnExistingTopicThatDiffersInOneLineNamingWhatToDo() {
    String prefix = kafka.uniqueName("differs") + ".";
    EmpathConfig created = config(prefix, "3", "3", "2");
    provisioner(created).ensure(Catalogs.topics(created).all());
    String behavior = Catalogs.topics(created).behavior().name();

    assertThat(refusal(config(prefix, "6", "3", "2")))
        .contains("topic " + behavior + " has 3 partitions, the configuration wants 6")
        .contains("empath.topic.partitions");
    assertThat(refusal(config(prefix, "3", "2", "2")))
        .contains("topic " + behavior + " has replication factor 3, the configuration wants 2")
        .contains("empath.topic.replication.factor=3");
    assertThat(refusal(config(prefix, "3", "3", "1")))
        .contains("topic " + behavior + " has min.insync.replicas=2, the configuration wants 1")
        .contains("kafka-configs --alter");
  }

  @Test
  void aServiceRefusesToStartOnADifferingTopicBeforeItIsBuilt() {
    String prefix = kafka.uniqueName("start") + ".";
    EmpathConfig created = config(prefix, "3", "3", "2");
    provisioner(created).ensure(Catalogs.topics(created).all());

    assertThatThrownBy(() -> ServiceBootstrap.launch(config(prefix, "6", "3", "2"), new Unbuilt()))
        .isInstanceOf(TopicMismatchException.class)
        .hasMessageNotContaining("\n");
  }

  @Test
  void moreReplicasThanBrokersIsAConfigurationMistake() {
    EmpathConfig config = config(kafka.uniqueName("four") + ".", "3", "4", "2");

    assertThatThrownBy(() -> provisioner(config).ensure(Catalogs.topics(config).all()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("replication factor 4");
  }

  @Test
  void theStoryToolReadsTheSessionsPartitionOfThreeNotOfSix() throws Exception {
    String prefix = kafka.uniqueName("story") + ".";
    EmpathConfig config = config(prefix, "3", "3", "2");
    TopicCatalog catalog = Catalogs.topics(config);
    provisioner(config).ensure(catalog.all());
    // A session whose partition differs between 3 and 6 partitions: a tool assuming 6 misses it.
    String session =
        IntStream.range(0, 100)
            .mapToObj(i -> "s" + i)
            .filter(s -> KeyPartitions.of(s, 3) != KeyPartitions.of(s, 6))
            .findFirst()
            .orElseThrow();
    TopicSpec<String, PlayerBehaviorData> topic = catalog.behavior();
    try (KafkaProducer<String, PlayerBehaviorData> producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(config, "story-writer"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      for (int i = 0; i < 3; i++) {
        producer
            .send(new ProducerRecord<>(topic.name(), null, T0 + i, session, event(session, i)))
            .get();
      }
    }

    CliRun run =
        CliRun.of(
            "story",
            "--game",
            "g1",
            "--session",
            session,
            "--bootstrap",
            kafka.bootstrapServers(),
            "--topic-prefix",
            prefix);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines()).filteredOn(l -> l.contains("behaviour")).hasSize(3);
  }

  private static EmpathConfig config(
      String prefix, String partitions, String replication, String minInsync) {
    return EmpathConfig.of(
        Map.of(
            EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
            kafka.bootstrapServers(),
            EmpathConfig.TOPIC_PREFIX,
            prefix,
            "empath.topic.partitions",
            partitions,
            "empath.topic.replication.factor",
            replication,
            "empath.topic.min.insync.replicas",
            minInsync,
            "empath.ops.port",
            "-1"));
  }

  private static TopicProvisioner provisioner(EmpathConfig config) {
    return new TopicProvisioner(kafka.adminClient(), TopicSettings.from(config));
  }

  /** The one-line message with which provisioning under {@code config} refuses. */
  private static String refusal(EmpathConfig config) {
    try {
      provisioner(config).ensure(Catalogs.topics(config).all());
    } catch (TopicMismatchException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("provisioning was not refused");
  }

  private static TopicDescription describe(TopicSpec<?, ?> spec) throws Exception {
    return kafka
        .adminClient()
        .describeTopics(List.of(spec.name()))
        .allTopicNames()
        .get()
        .get(spec.name());
  }

  private static String minInsync(TopicSpec<?, ?> spec) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
    Config config =
        kafka.adminClient().describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get("min.insync.replicas").value();
  }

  private static PlayerBehaviorData event(String session, int choice) {
    return PlayerBehaviorData.newBuilder()
        .setEventId(session + "-" + choice)
        .setGameId("g1")
        .setPlayerId("p1")
        .setSessionId(session)
        .setTimestampMs(T0 + choice)
        .setDecisionLatencyMs(850)
        .setActionFrequency(42)
        .addRecentChoices(choice)
        .build();
  }

  /** A service that must never be built: provisioning refuses first. */
  private static final class Unbuilt implements ServiceDefinition {
    @Override
    public String name() {
      return "unbuilt";
    }

    @Override
    public List<TopicSpec<?, ?>> topics(TopicCatalog catalog) {
      return catalog.all();
    }

    @Override
    public RunningService create(ServiceContext context) {
      throw new AssertionError("built although its topics were refused");
    }
  }
}
