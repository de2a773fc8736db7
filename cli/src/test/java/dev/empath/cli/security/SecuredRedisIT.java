package dev.empath.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.EmbeddedRedis;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.security.RedisSecurity;
import dev.empath.embedded.security.TestCertificates;
import dev.empath.llm.app.LlmWorkerApp;
import dev.empath.llm.idempotency.AnsweredRequests;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.redis.RedisTls;
import dev.empath.platform.redis.tracking.TrackedCache;
import dev.empath.platform.topics.Catalogs;
import dev.empath.projector.app.ProjectorApp;
import dev.empath.readmodel.ReadModel;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.InteractionSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.ScriptedInteraction;
import dev.empath.simulator.Segment;
import dev.empath.simulator.TelemetryPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A {@code redis-server} that speaks TLS only, with the {@code default} user off and the users of
 * {@link RedisUsers}: the projector projects as its user, query-api's user reads the projection and
 * is refused a write, llm-worker writes its own keys as its user and reads memories as another, and
 * neither may write the other's keys.
 */
class SecuredRedisIT {

  private static final Path CERTS = tempDir();
  private static final TestCertificates CERTIFICATES = TestCertificates.create(CERTS);
  private static final RedisSecurity SECURITY = new RedisSecurity(CERTIFICATES, RedisUsers.all());
  private static final EmbeddedRedis REDIS = EmbeddedRedis.builder().secured(SECURITY).start();
  private static final RedisTls TLS =
      RedisTls.of(CERTIFICATES.truststore().toString(), CERTIFICATES.password(), "PKCS12");

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @AfterAll
  static void stop() throws Exception {
    REDIS.close();
    try (var files = Files.list(CERTS)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(CERTS);
  }

  @Test
  void eachServiceWorksAsItsRedisUserAndIsRefusedOutsideItsRights() {
    String prefix = kafka.uniqueName("redis-sec") + ".";
    EmpathConfig projectorConfig = config(prefix, RedisUsers.PROJECTOR);
    TopicCatalog topics = Catalogs.topics(projectorConfig);
    List<ScriptedBehavior> behaviour =
        new BehaviorSimulator(5)
            .population(
                new BehaviorSimulator(5).players("game-1", 2),
                1,
                Segment.tour(4),
                System.currentTimeMillis() - 600_000);
    List<ScriptedInteraction> interactions = new InteractionSimulator(5, 2).alongside(behaviour);
    assertThat(interactions).isNotEmpty();
    String game = interactions.get(0).event().getGameId();
    String character = interactions.get(0).event().getCharacterId();

    try (LaunchedService projector = ServiceBootstrap.launch(projectorConfig, new ProjectorApp());
        LaunchedService llm =
            ServiceBootstrap.launch(
                config(prefix, RedisUsers.LLM)
                    .with("empath.llm.read-model.redis.url", REDIS.uri(RedisUsers.LLM_MEMORIES)),
                new LlmWorkerApp())) {
      try (TelemetryPublisher publisher =
          new TelemetryPublisher(KafkaClientConfigs.producer(projectorConfig, "sim"), topics)) {
        interactions.forEach(i -> publisher.send(i.event()));
        publisher.flush();
      }
      try (RedisClient query = client(RedisUsers.QUERY)) {
        ReadModel readModel = ReadModel.create(query);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> readModel.characters().state(game, character).isPresent());
        assertThat(projector.failure()).isEmpty();
        assertThat(projector.healthy()).as("projector over TLS as its user").isTrue();
        await().atMost(Duration.ofSeconds(30)).until(llm::healthy);

        String key = readModel.activeKeyspace().prefix() + "probe";
        assertRefused(() -> query.set(key, "x"));
        assertRefused(() -> query.set("empath:llm:answered:x", "x"));
        try (TrackedCache cache =
            TrackedCache.connect(REDIS.uri(RedisUsers.QUERY), TLS, query, 10)) {
          await().atMost(Duration.ofSeconds(10)).until(cache::tracking);
        }
      }
    }

    try (RedisClient llm = client(RedisUsers.LLM);
        RedisClient memories = client(RedisUsers.LLM_MEMORIES)) {
      AnsweredRequests answered = new AnsweredRequests(llm, Duration.ofMinutes(5));
      answered.markAnswered(List.of("request-1"));
      assertThat(answered.answeredAmong(List.of("request-1", "request-2")))
          .containsExactly("request-1");
      assertThat(ReadModel.create(memories).characters().state(game, character)).isPresent();
      assertRefused(() -> llm.set("empath:rm:active-version", "9"));
      assertRefused(() -> llm.get("empath:rm:active-version"));
      assertRefused(() -> memories.set("empath:rm:active-version", "9"));
    }
    try (RedisClient projector = client(RedisUsers.PROJECTOR)) {
      assertRefused(() -> projector.set("empath:llm:answered:x", "x"));
      assertRefused(() -> projector.flushAll());
    }
  }

  @Test
  void onlyTlsWithTheDeploymentsCaAndAKnownUserGetsIn() {
    String user = RedisUsers.QUERY;
    String plain = REDIS.uri(user).replace("rediss://", "redis://");
    try (RedisClient client = RedisConnections.open(plain, RedisTls.JDK_DEFAULT, 1)) {
      assertThatThrownBy(client::ping).isInstanceOf(JedisConnectionException.class);
    }
    try (RedisClient client = RedisConnections.open(REDIS.uri(user), RedisTls.JDK_DEFAULT, 1)) {
      assertThatThrownBy(client::ping)
          .as("a certificate the JDK's CAs did not sign")
          .isInstanceOf(JedisConnectionException.class);
    }
    try (RedisClient client =
        RedisConnections.open(REDIS.uri(user).replace(user + ":", user + ":wrong"), TLS, 1)) {
      assertThatThrownBy(client::ping).isInstanceOf(JedisAccessControlException.class);
    }
    try (RedisClient client = RedisConnections.open(REDIS.uri(), TLS, 1)) {
      assertThatThrownBy(client::ping).as("the default user is off").isNotNull();
    }
    try (RedisClient client = client(user)) {
      assertThat(client.ping()).isEqualTo("PONG");
    }
  }

  private static void assertRefused(Runnable command) {
    assertThatThrownBy(command::run)
        .isInstanceOf(JedisAccessControlException.class)
        .hasMessageContaining("NOPERM");
  }

  private static RedisClient client(String user) {
    return RedisConnections.open(REDIS.uri(user), TLS, 4);
  }

  private EmpathConfig config(String prefix, String redisUser) {
    Map<String, String> settings = new HashMap<>();
    settings.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(EmpathConfig.REDIS_URL, REDIS.uri(redisUser));
    settings.put("redis.ssl.truststore.location", CERTIFICATES.truststore().toString());
    settings.put("redis.ssl.truststore.password", CERTIFICATES.password());
    settings.put(EmpathConfig.TOPIC_PREFIX, prefix);
    settings.put("empath.topic.partitions", "1");
    settings.put("empath.projector.group.id", prefix + "projector");
    settings.put("empath.llm.group.id", prefix + "llm");
    settings.put("empath.ops.port", "-1");
    return EmpathConfig.of(settings);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("secured-redis-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
