package dev.empath.cli.stack;

import dev.empath.embedded.EmbeddedKafka;
import dev.empath.embedded.EmbeddedRedis;
import dev.empath.emotion.app.EmotionApp;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.app.LlmWorkerSettings;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.query.Application;
import dev.empath.query.auth.KeyHash;
import dev.empath.schemas.topic.TopicCatalog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The whole pipeline in one process: a KRaft broker, a Redis server and every service, each started
 * through the same code its own main uses. Closing stops them in reverse order.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final StackOptions options;
  private EmbeddedKafka kafka;
  private EmbeddedRedis redis;
  private EmpathConfig config;
  private EmotionApp emotion;
  private NarrativeApp narrative;
  private ProjectorService projector;
  private EmbeddedServer api;

  private LocalStack(StackOptions options) {
    this.options = options;
  }

  /** Starts everything; on failure stops what had started and rethrows. */
  public static LocalStack start(StackOptions options) {
    LocalStack stack = new LocalStack(options);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    Path data = options.dataDir().toAbsolutePath();
    if (options.fresh()) {
      deleteRecursively(data);
    }
    createDirectories(data);

    long t0 = System.nanoTime();
    kafka =
        EmbeddedKafka.builder().port(options.kafkaPort()).dataDir(data.resolve("kafka")).start();
    started.push(kafka);
    redis =
        EmbeddedRedis.builder().port(options.redisPort()).dataDir(data.resolve("redis")).start();
    started.push(redis);
    log.info("kafka {} and redis {} up in {} ms", kafka.bootstrapServers(), redis.uri(), ms(t0));

    config = serviceConfig(data);
    TopicCatalog topics = TopicCatalog.withPrefix(config.topicPrefix());
    try (Admin admin = Admin.create(KafkaClientConfigs.common(config, "empath-local-admin"))) {
      new TopicProvisioner(admin, Optional.empty()).ensure(topics.all());
    }

    emotion = EmotionApp.create(config);
    started.push(emotion);
    emotion.start();
    narrative = NarrativeApp.create(config);
    started.push(narrative);
    narrative.start();

    RedisClient workerRedis = RedisConnections.open(config.redisUrl());
    started.push(workerRedis);
    LlmWorker worker = LlmWorker.create(new LlmWorkerSettings(config), workerRedis).start();
    started.push(worker);

    projector = ProjectorService.start(config, topics, ProjectorSettings.from(config));
    started.push(projector);

    api = startApi();
    log.info("all services started in {} ms", ms(t0));
  }

  private EmpathConfig serviceConfig(Path data) {
    Map<String, String> values = new HashMap<>();
    values.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    values.put(EmpathConfig.REDIS_URL, redis.uri());
    values.put("kafka.streams.state.dir", data.resolve("streams").toString());
    return EmpathConfig.of(values);
  }

  private EmbeddedServer startApi() {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", options.apiPort() == 0 ? -1 : options.apiPort());
    props.put("redis.url", redis.uri());
    props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    // One developer's key drives dashboards and demos: allow far more than a game server would.
    props.put("empath.api.rate-limit-per-second", 5_000);
    props.put("empath.api.rate-limit-burst", 10_000);
    props.put(
        "empath.api.keys." + KeyHash.sha256Hex(options.apiKey()),
        options.games().isEmpty() ? "*" : String.join(",", options.games()));
    ApplicationContext context =
        ApplicationContext.builder(Application.class).properties(props).start();
    started.push(context);
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    server.start();
    return server;
  }

  /** Blocks until every Streams application is RUNNING (or the timeout passes). */
  public boolean awaitRunning(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (emotion.streams().state() == KafkaStreams.State.RUNNING
          && narrative.streams().state() == KafkaStreams.State.RUNNING) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String redisUri() {
    return redis.uri();
  }

  public String redisHostPort() {
    return redis.host() + ":" + redis.port();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + api.getPort();
  }

  public String apiKey() {
    return options.apiKey();
  }

  public EmpathConfig config() {
    return config;
  }

  public TopicCatalog topics() {
    return TopicCatalog.withPrefix(config.topicPrefix());
  }

  public ProjectorService projector() {
    return projector;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        log.warn("error while stopping {}: {}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + dir, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe data dir " + dir, e);
    }
  }
}
