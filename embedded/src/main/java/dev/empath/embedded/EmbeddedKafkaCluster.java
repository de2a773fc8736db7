package dev.empath.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of several combined broker-controller nodes inside this JVM, with the internal
 * topics and the default for new topics replicated to every node ({@code min.insync.replicas =
 * nodes - 1}), so one node can stop without losing a write acknowledged by the others.
 *
 * <p>A node can be stopped and started again on its own storage ({@link #stop}, {@link #kill},
 * {@link #restart}), which is how the tests take a broker away mid-stream. Nodes leave without
 * controlled shutdown, as a crashed broker does: their partitions' leadership is not handed over
 * first, and clients see failed requests until the controller fences the node.
 */
public final class EmbeddedKafkaCluster implements KafkaEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final String HOST = "127.0.0.1";

  /**
   * What a log directory holds after a clean shutdown (Kafka's {@code CleanShutdownFileHandler}).
   */
  private static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

  private final Path root;
  private final int[] brokerPorts;
  private final int[] controllerPorts;
  private final String voters;
  private final String clusterId;
  private final EmbeddedKafka[] nodes;

  private EmbeddedKafkaCluster(int size) {
    root = Dirs.createTemp("embedded-kafka-cluster-");
    int[] ports = FreePorts.allocate(2 * size);
    brokerPorts = new int[size];
    controllerPorts = new int[size];
    List<String> voterList = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      brokerPorts[i] = ports[2 * i];
      controllerPorts[i] = ports[2 * i + 1];
      voterList.add((i + 1) + "@" + HOST + ":" + controllerPorts[i]);
    }
    voters = String.join(",", voterList);
    clusterId = Uuid.randomUuid().toString();
    nodes = new EmbeddedKafka[size];
  }

  /** Starts {@code size} (>= 3) nodes; returns when every one is up. */
  public static EmbeddedKafkaCluster start(int size) {
    if (size < 3) {
      throw new IllegalArgumentException("a replicated cluster needs >= 3 nodes: " + size);
    }
    long startNanos = System.nanoTime();
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(size);
    // A node's start waits for a quorum of controllers, so all must start together.
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int node = i;
      starts.add(
          CompletableFuture.runAsync(() -> cluster.nodes[node] = cluster.builder(node).start()));
    }
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      cluster.close();
      throw new IllegalStateException("Kafka cluster failed to start", e.getCause());
    }
    log.info(
        "Kafka cluster of {} nodes started in {} ms: {}",
        size,
        (System.nanoTime() - startNanos) / 1_000_000,
        cluster.bootstrapServers());
    return cluster;
  }

  private EmbeddedKafka.Builder builder(int node) {
    int replicas = nodes.length;
    String minIsr = String.valueOf(replicas - 1);
    return EmbeddedKafka.builder()
        .port(brokerPorts[node])
        .dataDir(root.resolve("node-" + (node + 1)))
        .clusterMember(node + 1, controllerPorts[node], voters, clusterId)
        .brokerProperty("offsets.topic.replication.factor", String.valueOf(replicas))
        .brokerProperty("offsets.topic.num.partitions", "3")
        .brokerProperty("transaction.state.log.replication.factor", String.valueOf(replicas))
        .brokerProperty("transaction.state.log.min.isr", minIsr)
        .brokerProperty("transaction.state.log.num.partitions", "3")
        .brokerProperty(
            "share.coordinator.state.topic.replication.factor", String.valueOf(replicas))
        .brokerProperty("share.coordinator.state.topic.min.isr", minIsr)
        .brokerProperty("default.replication.factor", String.valueOf(replicas))
        .brokerProperty("min.insync.replicas", minIsr)
        .brokerProperty("controlled.shutdown.enable", "false");
  }

  @Override
  public String bootstrapServers() {
    List<String> out = new ArrayList<>();
    for (int port : brokerPorts) {
      out.add(HOST + ":" + port);
    }
    return String.join(",", out);
  }

  @Override
  public boolean external() {
    return false;
  }

  public int size() {
    return nodes.length;
  }

  /**
   * Stops node {@code index} (0-based) without controlled shutdown; its storage stays, flushed, for
   * {@link #restart}.
   */
  public void stop(int index) {
    EmbeddedKafka node = nodes[index];
    if (node != null) {
      node.close();
      nodes[index] = null;
    }
  }

  /**
   * Takes node {@code index} away as {@code kill -9} would: no controlled shutdown, and its storage
   * is left without the clean-shutdown markers, so {@link #restart} recovers its logs (rebuilds
   * indexes, truncates a torn tail) as a broker restarted after a crash does.
   */
  public void kill(int index) {
    stop(index);
    Path dir = root.resolve("node-" + (index + 1));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path marker :
          files.filter(f -> f.getFileName().toString().equals(CLEAN_SHUTDOWN_MARKER)).toList()) {
        Files.delete(marker);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove clean-shutdown markers in " + dir, e);
    }
  }

  /** Starts a stopped node again on its own storage and ports. */
  public void restart(int index) {
    if (nodes[index] != null) {
      throw new IllegalStateException("node " + (index + 1) + " is running");
    }
    nodes[index] = builder(index).start();
  }

  public boolean isRunning(int index) {
    return nodes[index] != null;
  }

  /**
   * Stops every node at once: stopped one by one, the last nodes would wait for a controller quorum
   * that is already gone.
   */
  @Override
  public void close() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      int node = i;
      stops.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  stop(node);
                } catch (RuntimeException e) {
                  log.warn("Kafka node {} did not stop cleanly", node + 1, e);
                }
              }));
    }
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    try {
      Dirs.deleteRecursively(root);
    } catch (IOException e) {
      log.warn("Could not delete {}", root, e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafkaCluster[" + bootstrapServers() + "]";
  }
}
