package dev.empath.projector.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How many replicas each primary has connected now ({@code ROLE}), looked up at most once a second
 * per node. A batch waits for that many, up to the configured number: a primary whose replica is
 * gone (promoted in a failover, not replaced yet) has nobody a failover could promote with less
 * than it holds, and waiting for a replica that is not there would stop the projector.
 */
final class ConnectedReplicas {

  private static final long FRESH_MS = 1_000;

  private record Count(int replicas, long atMs) {}

  private final RedisClusterClient redis;
  private final Map<HostAndPort, Count> counts = new HashMap<>();

  ConnectedReplicas(RedisClusterClient redis) {
    this.redis = redis;
  }

  int connected(HostAndPort node) {
    long now = System.currentTimeMillis();
    Count c = counts.get(node);
    if (c == null || now - c.atMs() > FRESH_MS) {
      c = new Count(lookUp(node), now);
      counts.put(node, c);
    }
    return c.replicas();
  }

  void forget() {
    counts.clear();
  }

  private int lookUp(HostAndPort node) {
    ConnectionPool pool = redis.getClusterNodes().get(node.toString());
    if (pool == null) {
      throw new JedisException("no connection pool for Redis node " + node);
    }
    try (Connection c = pool.getResource()) {
      // ["master", offset, [[host, port, offset], ...]]
      List<?> role = (List<?>) c.executeCommand(new CommandArguments(Protocol.Command.ROLE));
      return role.size() > 2 ? ((List<?>) role.get(2)).size() : 0;
    }
  }
}
