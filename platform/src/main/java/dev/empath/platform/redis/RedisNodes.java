package dev.empath.platform.redis;

import dev.empath.platform.threads.DaemonThreads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What must reach every node of a Redis Cluster rather than the one a key routes to: SCAN (each
 * primary holds its own slots' keys) and SCRIPT LOAD (a replica promoted after a failover must know
 * the scripts too). On one node these are the plain commands.
 */
public final class RedisNodes {

  private static final Logger log = LoggerFactory.getLogger(RedisNodes.class);

  // Reads the replies of several nodes at once, for every cluster pipeline of the process: without
  // it Jedis starts (and stops) a pool of threads per sync.
  private static final ExecutorService PIPELINE_THREADS =
      Executors.newFixedThreadPool(3, DaemonThreads.numbered("redis-cluster-pipeline"));

  private RedisNodes() {}

  /**
   * A pipeline of {@code redis}: on a cluster its commands go to the node of their slot, one
   * connection and one round trip per node, the nodes answering in parallel.
   */
  public static AbstractPipeline pipelined(UnifiedJedis redis) {
    return redis instanceof RedisClusterClient cluster
        ? cluster.pipelined(PIPELINE_THREADS)
        : redis.pipelined();
  }

  /**
   * The reply of a pipelined command. On a cluster a node whose connection broke during the sync
   * leaves its replies unset: a connection failure, to be retried like any other.
   */
  public static <T> T answer(Response<T> response) {
    try {
      return response.get();
    } catch (IllegalStateException unset) {
      throw new JedisConnectionException("a Redis node did not answer", unset);
    }
  }

  /**
   * Hands every key matching {@code pattern} to {@code page}, a page at a time, from one node or
   * every primary of a cluster. SCAN never blocks Redis; a key may be seen twice, as with SCAN.
   */
  public static void scan(
      UnifiedJedis redis, String pattern, int count, Consumer<List<String>> page) {
    ScanParams params = new ScanParams().match(pattern).count(count);
    if (!(redis instanceof RedisClusterClient cluster)) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> result = redis.scan(cursor, params);
        if (!result.getResult().isEmpty()) {
          page.accept(result.getResult());
        }
        cursor = result.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return;
    }
    for (Connection node : primaries(cluster)) {
      try (node) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
          CommandArguments scan =
              new CommandArguments(Protocol.Command.SCAN)
                  .add(cursor)
                  .add(Protocol.Keyword.MATCH)
                  .add(pattern)
                  .add(Protocol.Keyword.COUNT)
                  .add(count);
          List<?> reply = (List<?>) node.executeCommand(scan);
          cursor = text(reply.get(0));
          List<String> keys = new ArrayList<>();
          for (Object k : (List<?>) reply.get(1)) {
            keys.add(text(k));
          }
          if (!keys.isEmpty()) {
            page.accept(keys);
          }
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      }
    }
  }

  /** Loads {@code script} into every node that answers (replicas too), or the one node. */
  public static void scriptLoad(UnifiedJedis redis, String script) {
    if (!(redis instanceof RedisClusterClient cluster)) {
      redis.scriptLoad(script);
      return;
    }
    for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
      try (Connection c = node.getValue().getResource()) {
        c.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("LOAD").add(script));
      } catch (JedisException e) {
        log.debug("cannot load a script into {}: {}", node.getKey(), e.toString());
      }
    }
  }

  /**
   * A connection to each node of {@code cluster} that answers and is a primary now; the caller
   * closes them. A node that does not answer is skipped: it is down, and its replica took over.
   */
  public static List<Connection> primaries(RedisClusterClient cluster) {
    List<Connection> out = new ArrayList<>();
    for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
      Connection c;
      try {
        c = node.getValue().getResource();
      } catch (JedisException e) {
        log.debug("Redis node {} does not answer: {}", node.getKey(), e.toString());
        continue;
      }
      try {
        List<?> role = (List<?>) c.executeCommand(new CommandArguments(Protocol.Command.ROLE));
        if ("master".equals(text(role.get(0)))) {
          out.add(c);
          continue;
        }
      } catch (JedisException e) {
        log.debug("Redis node {} does not answer: {}", node.getKey(), e.toString());
      }
      closeBroken(c);
    }
    return out;
  }

  /** Returning a connection broken by a node that went down throws; it is gone either way. */
  private static void closeBroken(Connection c) {
    try {
      c.close();
    } catch (JedisException e) {
      log.debug("dropping a broken Redis connection: {}", e.toString());
    }
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }
}
