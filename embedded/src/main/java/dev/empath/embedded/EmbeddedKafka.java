package dev.empath.embedded;

import dev.empath.embedded.security.KafkaSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft combined mode, running inside this JVM from the
 * production server classes.
 *
 * <p>Several instances may run in one JVM; each has its own ports and storage.
 */
public final class EmbeddedKafka implements KafkaEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String SECURED_LISTENER = "SASL_SSL";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  /** Kafka owns everything below this, so a caller's data dir may hold other files too. */
  private static final String LOG_DIR_NAME = "kraft-combined-logs";

  private final KafkaRaftServer server;
  private final int port;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final String clusterId;
  private final KafkaSecurity security;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(
      KafkaRaftServer server,
      int port,
      Path dataDir,
      boolean deleteDataDirOnClose,
      String id,
      KafkaSecurity security) {
    this.server = server;
    this.security = security;
    this.port = port;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.clusterId = id;
  }

  /** Starts a broker on free ports with a temporary data dir that {@link #close()} deletes. */
  public static EmbeddedKafka start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  @Override
  public boolean external() {
    return false;
  }

  public int port() {
    return port;
  }

  /** The super user's settings on a secured broker ({@link Builder#security}), else none. */
  @Override
  public Map<String, String> clientProperties() {
    return security == null ? Map.of() : security.superUserProperties();
  }

  /** The broker's security, when it has any. */
  public java.util.Optional<KafkaSecurity> security() {
    return java.util.Optional.ofNullable(security);
  }

  /** The directory holding this broker's storage (temporary unless given to the builder). */
  public Path dataDir() {
    return dataDir;
  }

  /** Stable across restarts on the same {@link Builder#dataDir(Path)}. */
  public String clusterId() {
    return clusterId;
  }

  /** Stops the broker and waits for it; deletes the data dir only if it was temporary. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteDataDirOnClose) {
        try {
          Dirs.deleteRecursively(dataDir);
        } catch (IOException e) {
          log.warn("Could not delete Kafka data dir {}", dataDir, e);
        }
      }
    }
    log.info("Kafka broker {} stopped in {} ms", bootstrapServers(), millisSince(startNanos));
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Settings for one broker. A builder may start several brokers in turn. */
  public static final class Builder {

    private int port;
    private Path dataDir;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private int nodeId = NODE_ID;
    private int controllerPort;
    private String voters;
    private String clusterId;
    private KafkaSecurity security;

    private Builder() {}

    /**
     * One {@code SASL_SSL} listener instead of PLAINTEXT, with SCRAM users, TLS and the standard
     * authorizer (see {@link KafkaSecurity}). Only on new storage: users are created when it is
     * formatted.
     */
    public Builder security(KafkaSecurity security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /** Client port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Persistent storage: formatted on first use, reused as-is afterwards, never deleted. Without
     * it the broker gets a temporary directory that {@link EmbeddedKafka#close()} deletes.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /**
     * Membership of a multi-node cluster ({@link EmbeddedKafkaCluster}): this node's id and
     * controller port, every controller as {@code id@host:port,…}, and the cluster id all nodes are
     * formatted with.
     */
    Builder clusterMember(int nodeId, int controllerPort, String voters, String clusterId) {
      this.nodeId = nodeId;
      this.controllerPort = controllerPort;
      this.voters = voters;
      this.clusterId = clusterId;
      return this;
    }

    /**
     * Overrides or adds a broker config, applied after the defaults. Changing listener settings
     * breaks {@link EmbeddedKafka#bootstrapServers()}.
     */
    public Builder brokerProperty(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public EmbeddedKafka start() {
      long startNanos = System.nanoTime();
      boolean temporary = dataDir == null;
      Path root = temporary ? Dirs.createTemp("embedded-kafka-") : dataDir;
      try {
        EmbeddedKafka kafka = startIn(root, temporary);
        log.info(
            "Kafka broker {} started in {} ms (data {})",
            kafka.bootstrapServers(),
            millisSince(startNanos),
            root);
        return kafka;
      } catch (RuntimeException | Error e) {
        if (temporary) {
          deleteQuietly(root, e);
        }
        throw e;
      }
    }

    private EmbeddedKafka startIn(Path root, boolean temporary) {
      Path logDir = root.resolve(LOG_DIR_NAME);
      try {
        Files.createDirectories(logDir);
      } catch (IOException e) {
        throw new IllegalStateException("Could not create Kafka log dir " + logDir, e);
      }
      int[] ports = FreePorts.allocate(2);
      int brokerPort = port == 0 ? ports[0] : port;
      int controller =
          controllerPort != 0 ? controllerPort : ports[1] == brokerPort ? ports[0] : ports[1];

      List<String> scram = security == null ? List.of() : security.scramArguments();
      String id =
          KraftStorage.ensureFormatted(logDir, nodeId, CONTROLLER_LISTENER, clusterId, scram);
      Map<String, String> config = brokerConfig(logDir, brokerPort, controller);
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException | Error e) {
        shutdownQuietly(server, e);
        throw new IllegalStateException(
            "Kafka broker failed to start on port " + brokerPort + " (data " + root + ")", e);
      }
      return new EmbeddedKafka(server, brokerPort, root, temporary, id, security);
    }

    private Map<String, String> brokerConfig(Path logDir, int brokerPort, int controllerPort) {
      String listener = security == null ? BROKER_LISTENER : SECURED_LISTENER;
      Map<String, String> config = new LinkedHashMap<>();
      config.put("process.roles", "broker,controller");
      config.put("node.id", String.valueOf(nodeId));
      config.put(
          "controller.quorum.voters",
          voters != null ? voters : nodeId + "@" + HOST + ":" + controllerPort);
      config.put(
          "listeners",
          listener
              + "://"
              + HOST
              + ":"
              + brokerPort
              + ","
              + CONTROLLER_LISTENER
              + "://"
              + HOST
              + ":"
              + controllerPort);
      config.put("advertised.listeners", listener + "://" + HOST + ":" + brokerPort);
      config.put(
          "listener.security.protocol.map",
          listener + ":" + listener + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
      config.put("controller.listener.names", CONTROLLER_LISTENER);
      config.put("inter.broker.listener.name", listener);
      config.put("log.dirs", logDir.toString());
      config.put("metadata.log.dir", logDir.toString());

      // One node: internal topics must not ask for more replicas than exist, or the group and
      // transaction coordinators never come up and consumers silently receive nothing.
      config.put("offsets.topic.replication.factor", "1");
      config.put("offsets.topic.num.partitions", "1");
      config.put("transaction.state.log.replication.factor", "1");
      config.put("transaction.state.log.min.isr", "1");
      config.put("transaction.state.log.num.partitions", "1");
      config.put("share.coordinator.state.topic.replication.factor", "1");
      config.put("share.coordinator.state.topic.min.isr", "1");
      config.put("share.coordinator.state.topic.num.partitions", "1");
      config.put("default.replication.factor", "1");
      config.put("min.insync.replicas", "1");

      // Topics are created by the application's admin step; auto-creation would hide missing ones.
      config.put("auto.create.topics.enable", "false");
      config.put("num.partitions", "1");
      // Tests start a group and expect records at once, not after the 3 s production delay.
      config.put("group.initial.rebalance.delay.ms", "0");
      // A broker restarted after a crash cannot register again until the controller has let the
      // dead incarnation's session expire (9 s by default); broker and controller share this
      // process, so a short session costs nothing.
      config.put("broker.heartbeat.interval.ms", "500");
      config.put("broker.session.timeout.ms", "3000");
      // The cleaner otherwise allocates a 128 MiB dedupe buffer per broker on the heap.
      config.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
      if (security != null) {
        config.putAll(security.brokerProperties(listener));
      }

      config.putAll(overrides);
      return config;
    }

    private static void shutdownQuietly(KafkaRaftServer server, Throwable cause) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException | Error e) {
        cause.addSuppressed(e);
      }
    }

    private static void deleteQuietly(Path dir, Throwable cause) {
      try {
        Dirs.deleteRecursively(dir);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
