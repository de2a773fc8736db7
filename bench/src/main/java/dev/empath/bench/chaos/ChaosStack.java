package dev.empath.bench.chaos;

import com.sun.net.httpserver.HttpServer;
import dev.empath.bench.llm.FakeProvider;
import dev.empath.embedded.BrokerMain;
import dev.empath.embedded.FreePorts;
import dev.empath.embedded.process.ChildJvm;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The deployment under test: the broker (the embedded KRaft broker from {@link BrokerMain}, a JVM
 * of its own on a persistent log dir), {@code redis-server} with its append-only file, and each
 * service from its own main in a JVM of its own, configured the way an operator configures one
 * (system properties read by {@code EmpathConfig}). The fake model provider is the only part that
 * lives in the harness's JVM: it is outside the system under test.
 */
final class ChaosStack implements AutoCloseable {

  static final String EMOTION = "stream-emotion";
  static final String NARRATIVE = "stream-narrative";
  static final String LLM = "llm-worker";
  static final String PROJECTOR = "memory-projector";
  static final String REDIS = "redis";
  static final String BROKER = "broker";

  private static final Map<String, String> MAINS =
      Map.of(
          EMOTION, "dev.empath.emotion.app.EmotionApp",
          NARRATIVE, "dev.empath.narrative.app.NarrativeApp",
          LLM, "dev.empath.llm.app.LlmWorkerApp",
          PROJECTOR, "dev.empath.projector.app.ProjectorApp");

  /** C1 only and the serial collector: six JVMs share two cores, and the load is modest. */
  private static final String[] JVM_OPTIONS = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};

  private final Path dir;
  private final int kafkaPort;
  private final HttpServer provider;
  private final RedisComponent redis;
  private final Map<String, Component> components = new LinkedHashMap<>();
  private final EmpathConfig config;

  ChaosStack(Path dir, int partitions) throws IOException {
    this.dir = Files.createDirectories(dir);
    int[] ports = FreePorts.allocate(2);
    this.kafkaPort = ports[0];
    this.provider = FakeProvider.start(20);
    this.redis = new RedisComponent(ports[1], dir.resolve("redis"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:" + kafkaPort);
    settings.put(EmpathConfig.REDIS_URL, redis.uri());
    settings.put(PlatformConfigKeys.TOPIC_PARTITIONS.name(), Integer.toString(partitions));
    this.config = EmpathConfig.of(settings);

    components.put(BROKER, broker());
    components.put(REDIS, redis);
    for (String service : List.of(EMOTION, NARRATIVE, LLM, PROJECTOR)) {
      components.put(service, service(service, settings));
    }
  }

  /** Configuration for the harness's own clients (load, progress, checks). */
  EmpathConfig config() {
    return config;
  }

  Path dir() {
    return dir;
  }

  Component component(String name) {
    Component c = components.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no component " + name);
    }
    return c;
  }

  List<Component> components() {
    return List.copyOf(components.values());
  }

  /** Broker and Redis first, then the services at once (each provisions the topics it needs). */
  Map<String, Duration> start() throws Exception {
    Map<String, Duration> took = new LinkedHashMap<>();
    took.put(BROKER, component(BROKER).start());
    took.put(REDIS, redis.start());
    ExecutorService starter = Executors.newFixedThreadPool(4);
    try {
      Map<String, Future<Duration>> starts = new LinkedHashMap<>();
      for (String service : MAINS.keySet()) {
        starts.put(service, starter.submit(() -> component(service).start()));
      }
      for (Map.Entry<String, Future<Duration>> s : starts.entrySet()) {
        took.put(s.getKey(), s.getValue().get());
      }
    } finally {
      starter.shutdownNow();
    }
    return took;
  }

  private Component broker() {
    ChildJvm.Builder jvm =
        ChildJvm.of(BrokerMain.class.getName())
            .maxHeap("256m")
            .jvmOptions(JVM_OPTIONS)
            .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn")
            .log(dir.resolve("logs/broker.log"))
            .arguments(
                "--port",
                Integer.toString(kafkaPort),
                "--data-dir",
                dir.resolve("kafka").toString());
    return new JvmComponent(
        BROKER, jvm, line -> line.startsWith(BrokerMain.READY), Duration.ofSeconds(120));
  }

  private JvmComponent service(String name, Map<String, String> common) {
    ChildJvm.Builder jvm =
        ChildJvm.of(MAINS.get(name))
            .maxHeap("256m")
            .jvmOptions(JVM_OPTIONS)
            .log(dir.resolve("logs/" + name + ".log"))
            // Whichever SLF4J binding the class path carries: the services' progress, Kafka's
            // warnings.
            .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn")
            .systemProperty("org.slf4j.simpleLogger.log.dev.empath", "info")
            .systemProperty("empath.log.level", "INFO")
            .systemProperty("empath.log.kafka.level", "WARN");
    common.forEach(jvm::systemProperty);
    jvm.systemProperty(PlatformConfigKeys.OPS_PORT.name(), "-1");
    // Stable identities, as a StatefulSet gives them: a restarted instance takes its partitions
    // back as the same static member at once, and its transactional id fences its dead self.
    jvm.systemProperty(PlatformConfigKeys.GROUP_INSTANCE_ID.name(), "chaos");
    jvm.systemProperty(
        PlatformConfigKeys.KAFKA_STREAMS_STATE_DIR.name(), dir.resolve("state/" + name).toString());
    if (name.equals(LLM)) {
      jvm.systemProperty("empath.llm.instance.id", "chaos");
      jvm.systemProperty("empath.llm.providers", "fake");
      jvm.systemProperty("empath.llm.provider.fake.type", "openai");
      jvm.systemProperty(
          "empath.llm.provider.fake.url",
          "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1");
      jvm.systemProperty("empath.llm.provider.fake.model", "fake-model");
      jvm.systemProperty("empath.llm.provider.fake.key.env", "CHAOS_FAKE_KEY");
      jvm.environment("CHAOS_FAKE_KEY", "sk-chaos");
    }
    return new JvmComponent(
        name, jvm, line -> line.contains(name + " running"), Duration.ofSeconds(180));
  }

  /** Components that ended without being killed, with their exit status and last lines. */
  List<String> unplannedExits() {
    List<String> out = new ArrayList<>();
    for (Component c : components.values()) {
      if (!c.isAlive()) {
        out.add(
            c instanceof JvmComponent jvm && jvm.exitValue().isPresent()
                ? c.name() + " exited with status " + jvm.exitValue().get()
                : c.name() + " is not running");
      }
    }
    return out;
  }

  /** Services first, then Redis and the broker, each with SIGTERM. */
  @Override
  public void close() {
    List<Component> order = new ArrayList<>(components.values());
    Collections.reverse(order);
    for (Component c : order) {
      try {
        c.close();
      } catch (RuntimeException e) {
        System.err.println("# closing " + c.name() + ": " + e);
      }
    }
    provider.stop(0);
  }
}
