package dev.empath.platform.redis.tracking;

import org.apache.commons.pool2.PooledObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * Makes pooled connections that ask Redis to track the keys they read and to send the invalidations
 * to the listener connection {@code redirectId} (Redis 6+ {@code CLIENT TRACKING ON REDIRECT}).
 */
final class TrackingConnectionFactory extends ConnectionFactory {

  private final long redirectId;

  TrackingConnectionFactory(HostAndPort hostAndPort, JedisClientConfig config, long redirectId) {
    super(hostAndPort, config);
    this.redirectId = redirectId;
  }

  @Override
  public PooledObject<Connection> makeObject() throws Exception {
    PooledObject<Connection> pooled = super.makeObject();
    Connection connection = pooled.getObject();
    try {
      Tracking.enable(connection, redirectId);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
    return pooled;
  }
}
