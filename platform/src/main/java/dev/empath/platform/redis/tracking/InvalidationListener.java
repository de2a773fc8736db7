package dev.empath.platform.redis.tracking;

import dev.empath.platform.threads.DaemonThreads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;

/**
 * A connection subscribed to Redis's key invalidation messages ({@code __redis__:invalidate}, RESP2
 * pub/sub), on its own daemon thread, reconnecting with backoff when it is lost. What is tracked,
 * and towards which client, is up to the {@link Handler}: this class only keeps the subscription
 * alive and says when messages may have been missed.
 */
public final class InvalidationListener implements AutoCloseable {

  static final String CHANNEL = "__redis__:invalidate";
  private static final long MAX_RECONNECT_DELAY_MS = 5_000;
  private static final Logger log = LoggerFactory.getLogger(InvalidationListener.class);

  /** What happens on the listener's thread; each callback must be quick. */
  public interface Handler {

    /**
     * The new connection, before it subscribes: the moment to switch on tracking on the connection
     * itself ({@code CLIENT TRACKING ON REDIRECT clientId BCAST ...}). Throwing drops it.
     */
    default void connected(Connection connection, long clientId) {}

    /** Subscribed as client {@code clientId}: from now on no invalidation is missed. */
    void subscribed(long clientId);

    /** A key changed, was deleted, expired or was evicted. */
    void invalidated(String key);

    /** The database was flushed: every key may have changed. */
    void flushed();

    /** The connection is gone: invalidations may be missed until the next {@link #subscribed}. */
    void disconnected(RuntimeException cause);
  }

  private final HostAndPort hostAndPort;
  private final JedisClientConfig config;
  private final Handler handler;
  private final Thread thread;
  private volatile Connection connection;
  private volatile boolean closed;

  /**
   * @param config must speak RESP2: invalidations arrive as pub/sub messages
   */
  public InvalidationListener(
      String threadName, HostAndPort hostAndPort, JedisClientConfig config, Handler handler) {
    this.hostAndPort = hostAndPort;
    this.config = config;
    this.handler = handler;
    this.thread = DaemonThreads.named(threadName).newThread(this::listen);
  }

  public InvalidationListener start() {
    thread.start();
    return this;
  }

  private void listen() {
    long delayMs = 100;
    while (!closed) {
      try (Connection c = new Connection(hostAndPort, config)) {
        long clientId =
            (Long) c.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("ID"));
        handler.connected(c, clientId);
        c.setTimeoutInfinite();
        c.sendCommand(Protocol.Command.SUBSCRIBE, CHANNEL);
        c.getOne(); // the subscription's confirmation
        connection = c;
        handler.subscribed(clientId);
        delayMs = 100;
        while (!closed) {
          onMessage(c.getUnflushedObject());
        }
      } catch (RuntimeException e) {
        connection = null;
        if (closed) {
          return;
        }
        handler.disconnected(e);
        log.warn("Redis invalidations unavailable; retrying in {} ms: {}", delayMs, e.toString());
        if (!pause(delayMs)) {
          return;
        }
        delayMs = Math.min(delayMs * 2, MAX_RECONNECT_DELAY_MS);
      }
    }
  }

  /** RESP2 pub/sub message: ["message", channel, [key, ...]] or a null payload for a flush. */
  private void onMessage(Object message) {
    if (!(message instanceof List<?> parts)
        || parts.size() < 3
        || !"message".equals(text(parts.get(0)))) {
      return;
    }
    Object payload = parts.get(2);
    if (payload == null) {
      handler.flushed();
    } else if (payload instanceof List<?> keys) {
      for (Object key : keys) {
        handler.invalidated(text(key));
      }
    } else {
      handler.invalidated(text(payload));
    }
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : String.valueOf(reply);
  }

  private boolean pause(long delayMs) {
    try {
      TimeUnit.MILLISECONDS.sleep(delayMs);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      c.close(); // ends the blocking read of the listener thread
    }
    thread.interrupt();
  }
}
