package dev.empath.cli.stack;

import dev.empath.embedded.EmbeddedKafka;
import dev.empath.embedded.EmbeddedRedis;
import dev.empath.emotion.app.EmotionApp;
import dev.empath.llm.app.LlmWorkerApp;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.projector.app.ProjectorApp;
import dev.empath.projector.app.ProjectorService;
import dev.empath.query.Application;
import dev.empath.query.auth.KeyHash;
import dev.empath.schemas.topic.TopicCatalog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: a KRaft broker, a Redis server and every service, each started
 * through the same code its own main uses. Closing stops them in reverse order.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  /** The worker services, in start order; their operations ports follow this order. */
  public static final List<ServiceDefinition> SERVICES =
      List.of(new EmotionApp(), new NarrativeApp(), new LlmWorkerApp(), new ProjectorApp());

  private static final String OPS_PORT = "empath.ops.port";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<LaunchedService> services = new ArrayList<>();
  private final StackOptions options;
  private EmbeddedKafka kafka;
  private EmbeddedRedis redis;
  private EmpathConfig config;
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
    for (int i = 0; i < SERVICES.size(); i++) {
      ServiceDefinition service = SERVICES.get(i);
      LaunchedService launched =
          ServiceBootstrap.launch(config.with(OPS_PORT, opsPort(i)), service);
      started.push(launched);
      services.add(launched);
    }
    api = startApi();
    log.info("all services started in {} ms", ms(t0));
  }

  /** The user's configuration, with the addresses of this stack's own broker and Redis. */
  private EmpathConfig serviceConfig(Path data) {
    return options
        .base()
        .with(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers())
        .with(EmpathConfig.REDIS_URL, redis.uri())
        .with("kafka.streams.state.dir", data.resolve("streams").toString())
        // One instance of each service, the same one after a restart: it takes its partitions and
        // transactional ids back at once, instead of waiting for the crashed instance's to expire.
        .with(KafkaClientConfigs.GROUP_INSTANCE_ID, "local")
        .with("empath.llm.instance.id", "local");
  }

  private String opsPort(int index) {
    int first = options.opsPort();
    return String.valueOf(first <= 0 ? first : first + index);
  }

  private EmbeddedServer startApi() {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", options.apiPort() == 0 ? -1 : options.apiPort());
    props.put("redis.url", redis.uri());
    props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    if (config.topicPrefix() != null && !config.topicPrefix().isEmpty()) {
      props.put("empath.topic.prefix", config.topicPrefix()); // the live feed's topics
    }
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

  /** Blocks until every service passes its health checks (or the timeout passes). */
  public boolean awaitRunning(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (services.stream().allMatch(LaunchedService::healthy)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** Every worker service, in start order, with its operations port. */
  public List<LaunchedService> services() {
    return List.copyOf(services);
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

  /**
   * The dashboard opened on {@code game} with this stack's key; the key rides in the URL fragment,
   * which the browser never sends to the server.
   */
  public String dashboardUrl(String game) {
    return "http://localhost:"
        + api.getPort()
        + "/dashboard#key="
        + URLEncoder.encode(options.apiKey(), StandardCharsets.UTF_8)
        + "&game="
        + URLEncoder.encode(game, StandardCharsets.UTF_8);
  }

  public EmpathConfig config() {
    return config;
  }

  public TopicCatalog topics() {
    return ServiceBootstrap.catalog(config);
  }

  public ProjectorService projector() {
    return services.stream()
        .map(LaunchedService::service)
        .filter(ProjectorApp.Running.class::isInstance)
        .map(s -> ((ProjectorApp.Running) s).projector())
        .findFirst()
        .orElseThrow();
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
