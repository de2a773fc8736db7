package dev.empath.embedded.junit;

import dev.empath.embedded.EmbeddedRedisCluster;
import dev.empath.embedded.UniqueNames;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClusterClient;

/**
 * One Redis Cluster per test class (3 primaries with 1 replica each by default), beside {@link
 * RedisExtension} for code that must work on a cluster too.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();
 * }</pre>
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {

  private final int primaries;
  private final int replicasPerPrimary;
  private EmbeddedRedisCluster cluster;
  private RedisClusterClient client;
  private String ownerContextId;

  public RedisClusterExtension() {
    this(3, 1);
  }

  public RedisClusterExtension(int primaries, int replicasPerPrimary) {
    this.primaries = primaries;
    this.replicasPerPrimary = replicasPerPrimary;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (cluster == null) {
      cluster = EmbeddedRedisCluster.start(primaries, replicasPerPrimary);
      ownerContextId = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster == null || !context.getUniqueId().equals(ownerContextId)) {
      return;
    }
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      cluster.close();
      cluster = null;
      client = null;
    }
  }

  public EmbeddedRedisCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException(
          "the Redis Cluster is not running: register RedisClusterExtension on a static field");
    }
    return cluster;
  }

  /** {@code host:port,…} of every node. */
  public String nodeList() {
    return cluster().nodeList();
  }

  /** Shared by the test class and closed after it; callers must not close it. */
  public synchronized RedisClusterClient client() {
    if (client == null) {
      client = cluster().client();
    }
    return client;
  }

  public String uniqueName(String prefix) {
    return UniqueNames.next(prefix);
  }
}
