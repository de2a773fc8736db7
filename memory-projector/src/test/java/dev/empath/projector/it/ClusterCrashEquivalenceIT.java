package dev.empath.projector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisClusterExtension;
import dev.empath.readmodel.keys.Keyspace;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * On a Redis Cluster of 3 primaries (1 replica each), where every atomic step touches one hash
 * slot: killed repeatedly mid-stream, the projection still equals a clean rebuild byte for byte.
 */
class ClusterCrashEquivalenceIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisClusterExtension redis = new RedisClusterExtension();

  @Test
  void killedRepeatedlyOnAClusterEqualsACleanRebuildOnTheSameCluster() throws Exception {
    RedisClusterClient client = redis.client();
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis)) {
      CrashRounds.killRepeatedlyThenCompare(fixture, client, 3, () -> {});
    }
    // The projection is spread over the cluster, not held by one primary.
    Set<Integer> primariesWithKeys = new HashSet<>();
    for (var primary : redis.cluster().primaries()) {
      try (Jedis j = new Jedis(primary.host(), primary.port())) {
        if (!j.keys(new Keyspace(1).prefix() + "*").isEmpty()) {
          primariesWithKeys.add(primary.port());
        }
      }
    }
    assertThat(primariesWithKeys).hasSize(3);
  }
}
