package dev.empath.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.cli.CliRun;
import dev.empath.embedded.EmbeddedKafka;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.embedded.security.KafkaSecurity;
import dev.empath.embedded.security.TestCertificates;
import dev.empath.emotion.app.EmotionApp;
import dev.empath.llm.app.LlmWorkerApp;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.security.AccessDeniedException;
import dev.empath.platform.topics.Catalogs;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.platform.topics.TopicSettings;
import dev.empath.projector.app.ProjectorApp;
import dev.empath.query.health.KafkaHealthIndicator;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.simulator.BehaviorPublisher;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import io.micronaut.health.HealthStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One broker with a {@code SASL_SSL} listener (SCRAM-SHA-512, certificates made here) and the
 * standard authorizer: every service runs under its own user with exactly the ACLs of {@link
 * ServiceAcls} (the table of docs/security.md), and with one of them taken away it stops with a
 * line naming the missing permission.
 */
class SecuredKafkaIT {

  private static final Duration FLOW = Duration.ofSeconds(90);
  private static final Path CERTS = tempDir();
  private static final KafkaSecurity SECURITY =
      KafkaSecurity.of(TestCertificates.create(CERTS), "admin", ServiceAcls.PRINCIPALS);

  @RegisterExtension
  static final KafkaExtension kafka =
      new KafkaExtension(() -> EmbeddedKafka.builder().security(SECURITY).start());

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @TempDir Path stateDir;

  @AfterAll
  static void deleteCertificates() throws Exception {
    try (Stream<Path> files = Files.list(CERTS)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(CERTS);
  }

  @Test
  void everyServiceRunsUnderItsOwnUserWithExactlyItsAcls() throws Exception {
    Deployment d = deploy(b -> true);
    List<LaunchedService> services = new ArrayList<>();
    try {
      services.add(ServiceBootstrap.launch(d.config(ServiceAcls.EMOTION), new EmotionApp()));
      services.add(ServiceBootstrap.launch(d.config(ServiceAcls.NARRATIVE), new NarrativeApp()));
      services.add(ServiceBootstrap.launch(d.config(ServiceAcls.LLM), new LlmWorkerApp()));
      LaunchedService projector =
          ServiceBootstrap.launch(d.config(ServiceAcls.PROJECTOR), new ProjectorApp());
      services.add(projector);

      List<ScriptedBehavior> events = behaviour();
      EmpathConfig game = d.config(ServiceAcls.GAME);
      try (BehaviorPublisher publisher =
              new BehaviorPublisher(
                  KafkaClientConfigs.producer(game, "secured-game"), d.topics().behavior());
          KafkaProducer<byte[], byte[]> raw =
              new KafkaProducer<>(
                  KafkaClientConfigs.producer(game, "secured-garbage"),
                  new ByteArraySerializer(),
                  new ByteArraySerializer())) {
        publisher.sendAll(events);
        raw.send(
            new ProducerRecord<>(
                d.topics().behavior().name(),
                "garbage".getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 1, 2, 3}));
        publisher.flush();
        raw.flush();
      }

      ProjectorApp.Running projection = (ProjectorApp.Running) projector.service();
      await()
          .atMost(FLOW)
          .alias("behaviour -> emotion -> narrative -> generation results, and Redis")
          .until(
              () -> {
                services.forEach(s -> assertThat(s.failure()).as(s.name()).isEmpty());
                return count(d, d.topics().generationResult().name()) > 0
                    && count(d, d.topics().deadLetter().name()) > 0
                    && projection.projector().stats().projected() > 0;
              });

      KafkaHealthIndicator health = new KafkaHealthIndicator(d.config(ServiceAcls.QUERY));
      try {
        assertThat(health.check()).containsEntry("brokers", 1);
        assertThat(health.status()).isEqualTo(HealthStatus.UP);
      } finally {
        health.close();
      }

      Path operator = stateDir.resolve("operator.properties");
      d.writeClientFile(ServiceAcls.OPERATOR, operator);
      String session = events.get(0).event().getSessionId();
      CliRun story =
          CliRun.of(
              "story",
              "--config",
              operator.toString(),
              "--bootstrap",
              kafka.bootstrapServers(),
              "--topic-prefix",
              d.prefix(),
              "--game",
              events.get(0).event().getGameId(),
              "--session",
              session);
      assertThat(story.exit()).as(story.err()).isZero();
      assertThat(story.out()).contains("emotion");
    } finally {
      services.forEach(LaunchedService::close);
    }
  }

  static Stream<Arguments> missingPermissions() {
    return Stream.of(
        Arguments.of(
            ServiceAcls.EMOTION,
            acl(ResourceType.TOPIC, "empath.emotion.model.accepted.v1", AclOperation.READ),
            "lacks Read on TOPIC %sempath.emotion.model.accepted.v1"),
        Arguments.of(
            ServiceAcls.NARRATIVE,
            acl(ResourceType.TOPIC, "empath.emotion.v1", AclOperation.DESCRIBE_CONFIGS),
            "lacks DescribeConfigs on TOPIC %sempath.emotion.v1"),
        Arguments.of(
            ServiceAcls.PROJECTOR,
            acl(ResourceType.GROUP, "projector", AclOperation.READ),
            "lacks Read on GROUP %sprojector"),
        Arguments.of(
            ServiceAcls.PROJECTOR,
            acl(ResourceType.TOPIC, "empath.dlq.v1", AclOperation.READ),
            "lacks Read on TOPIC %sempath.dlq.v1"),
        Arguments.of(
            ServiceAcls.LLM,
            acl(ResourceType.TRANSACTIONAL_ID, "llm-", AclOperation.WRITE),
            "lacks Write on TRANSACTIONAL_ID %sllm-"));
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("missingPermissions")
  void aServiceWithoutOnePermissionStopsNamingIt(
      String principal, Predicate<AclBinding> taken, String expected) {
    Deployment d =
        deploy(b -> !(b.entry().principal().equals("User:" + principal) && taken.test(b)));
    // A dead letter already there, as in any running deployment: reading it back needs Read.
    try (KafkaProducer<byte[], byte[]> admin =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(d.config("admin"), "secured-admin"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      admin.send(
          new ProducerRecord<>(d.topics().deadLetter().name(), new byte[] {1}, new byte[] {2}));
    }
    String message = failureOf(d.config(principal), definition(principal));
    assertThat(message)
        .contains("not authorized: User:" + principal)
        .contains(expected.formatted(d.prefix()));
  }

  /** The line a service stops with, at start-up or soon after. */
  private static String failureOf(EmpathConfig config, ServiceDefinition definition) {
    LaunchedService launched;
    try {
      launched = ServiceBootstrap.launch(config, definition);
    } catch (AccessDeniedException e) {
      return e.getMessage();
    }
    try (launched) {
      AtomicReference<String> failure = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                launched.failure().ifPresent(failure::set);
                return failure.get() != null;
              });
      return failure.get();
    }
  }

  private static ServiceDefinition definition(String principal) {
    return switch (principal) {
      case ServiceAcls.EMOTION -> new EmotionApp();
      case ServiceAcls.NARRATIVE -> new NarrativeApp();
      case ServiceAcls.LLM -> new LlmWorkerApp();
      case ServiceAcls.PROJECTOR -> new ProjectorApp();
      default -> throw new IllegalArgumentException(principal);
    };
  }

  /**
   * A binding on a resource whose name ends with {@code suffix} (names carry the test's prefix).
   */
  private static Predicate<AclBinding> acl(ResourceType type, String suffix, AclOperation op) {
    return new Predicate<>() {
      @Override
      public boolean test(AclBinding b) {
        return b.pattern().resourceType() == type
            && b.pattern().name().endsWith(suffix)
            && b.entry().operation() == op;
      }

      @Override
      public String toString() {
        return op + " on " + type + " …" + suffix;
      }
    };
  }

  /**
   * Topics of a new prefix created by the super user (a secured deployment's set-up step), and the
   * ACLs of {@link ServiceAcls} that {@code granted} keeps, visible to the broker's authorizer.
   */
  private Deployment deploy(Predicate<AclBinding> granted) {
    String prefix = kafka.uniqueName("sec") + ".";
    Map<String, String> settings = new HashMap<>();
    settings.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(EmpathConfig.REDIS_URL, redis.uri());
    settings.put(EmpathConfig.TOPIC_PREFIX, prefix);
    settings.put("empath.topic.partitions", "2");
    settings.put("empath.emotion.application.id", prefix + "emotion");
    settings.put("empath.narrative.application.id", prefix + "narrative");
    settings.put("empath.llm.group.id", prefix + "llm");
    settings.put("empath.llm.instance.id", "one");
    settings.put("empath.projector.group.id", prefix + "projector");
    settings.put("kafka.streams.state.dir", stateDir.resolve(prefix).toString());
    settings.put("empath.ops.port", "-1");
    EmpathConfig base = EmpathConfig.of(settings);
    TopicCatalog topics = Catalogs.topics(base);
    new TopicProvisioner(kafka.adminClient(), TopicSettings.from(base)).ensure(topics.all());
    ServiceAcls acls =
        new ServiceAcls(
            topics, prefix + "emotion", prefix + "narrative", prefix + "llm", prefix + "projector");
    List<AclBinding> bindings =
        acls.all().values().stream().flatMap(List::stream).filter(granted).toList();
    try {
      kafka.adminClient().createAcls(bindings).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not create ACLs", e);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                kafka.adminClient().describeAcls(AclBindingFilter.ANY).values().get().stream()
                        .filter(bindings::contains)
                        .count()
                    == bindings.size());
    return new Deployment(base, topics, prefix);
  }

  private static List<ScriptedBehavior> behaviour() {
    BehaviorSimulator simulator = new BehaviorSimulator(31);
    return simulator.population(
        simulator.players("game-1", 4), 1, Segment.tour(16), System.currentTimeMillis() - 600_000);
  }

  private static int count(Deployment d, String topic) {
    Properties props = KafkaClientConfigs.consumer(d.config("admin"), "unused", "secured-reader");
    try (TopicReader<byte[], byte[]> reader =
        TopicReader.open(
            props,
            topic,
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      return reader.within(Duration.ofSeconds(20)).readToEnd().records().size();
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("secured-kafka-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One test's topics and the configuration each user runs with. */
  private record Deployment(EmpathConfig base, TopicCatalog topics, String prefix) {

    /** The base settings with {@code user}'s {@code kafka.client.*} security settings. */
    EmpathConfig config(String user) {
      EmpathConfig config = base;
      for (Map.Entry<String, String> e : SECURITY.clientProperties(user).entrySet()) {
        config = config.with("kafka.client." + e.getKey(), e.getValue());
      }
      return config;
    }

    void writeClientFile(String user, Path file) throws java.io.IOException {
      Map<String, String> lines = new HashMap<>();
      SECURITY.clientProperties(user).forEach((k, v) -> lines.put("kafka.client." + k, v));
      Properties props = new Properties();
      props.putAll(lines);
      try (var out = Files.newOutputStream(file)) {
        props.store(out, null);
      }
    }
  }
}
