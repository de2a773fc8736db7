package dev.empath.platform.redis.tracking;

import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.redis.RedisTls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;

/** The two steps every user of Redis's server-assisted client-side caching takes. */
public final class Tracking {

  private Tracking() {}

  /**
   * Client settings for the Redis at {@code uri} ({@code redis://[user:password@]host:port[/db]}),
   * speaking RESP2: invalidations then arrive as pub/sub messages ({@link InvalidationListener}).
   */
  public static JedisClientConfig resp2Config(URI uri) {
    return resp2Config(uri, RedisTls.JDK_DEFAULT);
  }

  /** The platform's connection settings ({@link RedisConnections#clientConfig}) over RESP2. */
  public static JedisClientConfig resp2Config(URI uri, RedisTls tls) {
    return RedisConnections.clientConfig(uri, tls).resp2().build();
  }

  /**
   * {@code CLIENT TRACKING ON REDIRECT redirectId [options]} on {@code connection}, e.g. with
   * {@code BCAST PREFIX p} for every change under a prefix.
   *
   * @throws IllegalStateException if Redis refuses it (before Redis 6, or an ACL without it)
   */
  public static void enable(Connection connection, long redirectId, String... options) {
    CommandArguments command =
        new CommandArguments(Protocol.Command.CLIENT)
            .add("TRACKING")
            .add("ON")
            .add("REDIRECT")
            .add(redirectId);
    for (String option : options) {
      command.add(option);
    }
    Object reply = connection.executeCommand(command);
    String text =
        reply instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8)
            : String.valueOf(reply);
    if (!"OK".equals(text)) {
      throw new IllegalStateException("Redis refused CLIENT TRACKING: " + text);
    }
  }
}
