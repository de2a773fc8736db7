package dev.empath.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * A real Redis Cluster of {@code redis-server} child processes: primaries with the 16,384 slots
 * split evenly between them, each with its replicas, set up the way {@code redis-cli --cluster
 * create} does (config epochs, MEET, ADDSLOTS, REPLICATE), and ready when every node reports {@code
 * cluster_state:ok} and every replica is in sync.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisCluster.class);

  static final int SLOTS = 16_384;

  /** How soon a replica takes over from a primary that stopped answering. */
  static final Duration NODE_TIMEOUT = Duration.ofMillis(1_000);

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final List<EmbeddedRedis> primaries;
  private final List<EmbeddedRedis> replicas;

  private EmbeddedRedisCluster(List<EmbeddedRedis> primaries, List<EmbeddedRedis> replicas) {
    this.primaries = primaries;
    this.replicas = replicas;
  }

  /** 3 primaries with 1 replica each. */
  public static EmbeddedRedisCluster start() {
    return start(3, 1);
  }

  public static EmbeddedRedisCluster start(int primaryCount, int replicasPerPrimary) {
    if (primaryCount < 1 || replicasPerPrimary < 0) {
      throw new IllegalArgumentException("need >= 1 primary and >= 0 replicas");
    }
    long startNanos = System.nanoTime();
    List<EmbeddedRedis> primaries = new ArrayList<>();
    List<EmbeddedRedis> replicas = new ArrayList<>();
    EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(primaries, replicas);
    try {
      for (int i = 0; i < primaryCount; i++) {
        primaries.add(node());
      }
      for (int i = 0; i < primaryCount * replicasPerPrimary; i++) {
        replicas.add(node());
      }
      cluster.form(replicasPerPrimary);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    log.info(
        "Redis Cluster of {} primaries and {} replicas ready in {} ms: {}",
        primaryCount,
        replicas.size(),
        (System.nanoTime() - startNanos) / 1_000_000,
        cluster.nodes());
    return cluster;
  }

  private static EmbeddedRedis node() {
    return EmbeddedRedis.builder()
        .arguments(
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            "nodes.conf",
            "--cluster-node-timeout",
            String.valueOf(NODE_TIMEOUT.toMillis()))
        .start();
  }

  private void form(int replicasPerPrimary) {
    List<EmbeddedRedis> all = all();
    for (int i = 0; i < all.size(); i++) {
      try (Jedis node = jedis(all.get(i))) {
        node.clusterSetConfigEpoch(i + 1);
      }
    }
    for (int i = 0; i < primaries.size(); i++) {
      int from = SLOTS * i / primaries.size();
      int to = SLOTS * (i + 1) / primaries.size();
      try (Jedis node = jedis(primaries.get(i))) {
        node.clusterAddSlots(IntStream.range(from, to).toArray());
      }
    }
    try (Jedis first = jedis(all.get(0))) {
      for (EmbeddedRedis other : all.subList(1, all.size())) {
        first.clusterMeet(other.host(), other.port());
      }
    }
    awaitEveryNodeKnowsAll(all.size());
    for (int i = 0; i < replicas.size(); i++) {
      EmbeddedRedis primary = primaries.get(i / replicasPerPrimary);
      String primaryId;
      try (Jedis p = jedis(primary)) {
        primaryId = p.clusterMyId();
      }
      try (Jedis r = jedis(replicas.get(i))) {
        r.clusterReplicate(primaryId);
      }
    }
    awaitHealthy();
  }

  /**
   * Waits until every live node reports {@code cluster_state:ok} with every slot served and every
   * live replica is in sync with its primary: after {@link #start} and after a failover.
   */
  public void awaitHealthy() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = problem();
      if (last.isEmpty()) {
        return;
      }
      pause();
    }
    throw new IllegalStateException(
        "Redis Cluster not healthy within " + READY_TIMEOUT + ": " + last);
  }

  private String problem() {
    for (EmbeddedRedis node : all()) {
      if (!node.isAlive()) {
        continue;
      }
      try (Jedis j = jedis(node)) {
        String info = j.clusterInfo();
        if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + SLOTS)) {
          return node.uri() + " " + info.lines().limit(4).toList();
        }
        String replication = j.info("replication");
        if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
          return node.uri() + " replica not in sync";
        }
      } catch (RuntimeException e) {
        return node.uri() + " " + e.getMessage();
      }
    }
    return "";
  }

  private void awaitEveryNodeKnowsAll(int count) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (EmbeddedRedis node : all()) {
        try (Jedis j = jedis(node)) {
          long connected = j.clusterNodes().lines().filter(l -> l.contains(" connected")).count();
          all &= connected == count;
        }
      }
      if (all) {
        return;
      }
      pause();
    }
    throw new IllegalStateException("Redis Cluster nodes did not meet within " + READY_TIMEOUT);
  }

  /** Seed nodes for a cluster client: every node. */
  public Set<HostAndPort> nodes() {
    Set<HostAndPort> out = new LinkedHashSet<>();
    all().forEach(n -> out.add(new HostAndPort(n.host(), n.port())));
    return out;
  }

  /** {@code host:port,host:port,…} of every node, as {@code redis.cluster.nodes} takes it. */
  public String nodeList() {
    return String.join(",", nodes().stream().map(HostAndPort::toString).toList());
  }

  /** The processes started as primaries (after a failover, one of them may be a replica). */
  public List<EmbeddedRedis> primaries() {
    return List.copyOf(primaries);
  }

  public List<EmbeddedRedis> replicas() {
    return List.copyOf(replicas);
  }

  /** A new cluster client over every node; the caller closes it. */
  public RedisClusterClient client() {
    return RedisClusterClient.create(nodes());
  }

  /** Empties every primary (replicas follow). */
  public void flushAll() {
    for (EmbeddedRedis node : all()) {
      if (!node.isAlive()) {
        continue;
      }
      try (Jedis j = jedis(node)) {
        if (j.info("replication").contains("role:master")) {
          j.flushAll();
        }
      }
    }
  }

  @Override
  public void close() {
    all().forEach(EmbeddedRedis::close);
  }

  private List<EmbeddedRedis> all() {
    List<EmbeddedRedis> all = new ArrayList<>(primaries);
    all.addAll(replicas);
    return all;
  }

  private static Jedis jedis(EmbeddedRedis node) {
    return new Jedis(node.host(), node.port(), 2_000);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while forming the Redis Cluster", e);
    }
  }
}
