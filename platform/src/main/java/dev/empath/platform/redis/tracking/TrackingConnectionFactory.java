package dev.empath.platform.redis.tracking;

import org.apache.commons.pool2.PooledObject;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;

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
    Object reply =
        connection.executeCommand(
            new CommandArguments(Protocol.Command.CLIENT)
                .add("TRACKING")
                .add("ON")
                .add("REDIRECT")
                .add(redirectId));
    if (!"OK".equals(asString(reply))) {
      connection.close();
      throw new IllegalStateException("Redis refused CLIENT TRACKING: " + asString(reply));
    }
    return pooled;
  }

  private static String asString(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes) : String.valueOf(reply);
  }
}
