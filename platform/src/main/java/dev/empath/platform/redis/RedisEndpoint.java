package dev.empath.platform.redis;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * Where the read models live: one Redis node ({@code redis://} or {@code rediss://}), or a Redis
 * Cluster named by its seed nodes, either as {@code redis-cluster://[user:password@]h1:p1,h2:p2}
 * ({@code rediss-cluster://} for TLS) or by {@code redis.cluster.nodes} beside {@code redis.url}
 * (which then gives only the credentials and TLS).
 *
 * @param url the single node's URL; for a cluster, the URL its credentials and TLS come from
 * @param clusterNodes seed nodes of a cluster; empty for a single node
 */
public record RedisEndpoint(URI url, List<HostAndPort> clusterNodes) {

  private static final String CLUSTER = "redis-cluster";
  private static final String CLUSTER_TLS = "rediss-cluster";

  public RedisEndpoint {
    clusterNodes = List.copyOf(clusterNodes);
  }

  /**
   * @param url {@code redis://…}, {@code rediss://…}, {@code redis-cluster://…} or {@code
   *     rediss-cluster://…}
   * @param nodes {@code host:port} entries of {@code redis.cluster.nodes}; empty = from the URL
   * @throws IllegalArgumentException naming what is wrong, for a one-line configuration error
   */
  public static RedisEndpoint parse(String url, List<String> nodes) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw new IllegalArgumentException("not a Redis URL (redis://host:port): " + url);
    }
    String scheme = url.substring(0, schemeEnd);
    boolean clusterUrl = scheme.equals(CLUSTER) || scheme.equals(CLUSTER_TLS);
    if (!clusterUrl && !scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException(
          "not a Redis URL (redis://, rediss://, redis-cluster://, rediss-cluster://): " + url);
    }
    if (!clusterUrl) {
      URI uri = URI.create(url);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("not a Redis URL (redis://host:port): " + url);
      }
      return new RedisEndpoint(uri, nodes.stream().map(RedisEndpoint::hostAndPort).toList());
    }
    String rest = url.substring(schemeEnd + 3);
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
    String hosts = (at < 0 ? rest : rest.substring(at + 1)).replaceAll("/.*$", "");
    List<HostAndPort> seeds = new ArrayList<>();
    for (String h : hosts.split(",")) {
      if (!h.isBlank()) {
        seeds.add(hostAndPort(h.trim()));
      }
    }
    seeds.addAll(nodes.stream().map(RedisEndpoint::hostAndPort).toList());
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a Redis Cluster URL names no node: " + url);
    }
    String plain = scheme.equals(CLUSTER_TLS) ? "rediss" : "redis";
    HostAndPort first = seeds.get(0);
    URI credentials =
        URI.create(plain + "://" + userInfo + first.getHost() + ":" + first.getPort());
    return new RedisEndpoint(credentials, seeds);
  }

  static HostAndPort hostAndPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("not host:port: " + hostPort);
    }
    try {
      return new HostAndPort(
          hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not host:port: " + hostPort, e);
    }
  }

  public boolean isCluster() {
    return !clusterNodes.isEmpty();
  }

  public Set<HostAndPort> clusterNodeSet() {
    return new LinkedHashSet<>(clusterNodes);
  }

  /**
   * User, password and TLS (trusting {@code tls}) from the URL; a cluster URL has no database
   * index, its parse drops any path.
   */
  public JedisClientConfig clientConfig(RedisTls tls) {
    return RedisConnections.clientConfig(url, tls).build();
  }

  /** How to name it in a log line: the nodes, without credentials. */
  public String describe() {
    return isCluster()
        ? "Redis Cluster " + clusterNodes
        : url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
  }
}
