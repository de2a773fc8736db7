package dev.empath.embedded.junit;

import dev.empath.embedded.RedisServerHandle;
import dev.empath.embedded.UniqueNames;
import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;

/**
 * One Redis server per test class: a child {@code redis-server}, or the external server named by
 * {@code REDIS_URL}.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisExtension redis = new RedisExtension();
 * }</pre>
 *
 * <p>The field must be static: the server starts before all tests and stops after them. Against an
 * external server, tests share its keyspace: build keys with {@link #uniqueName(String)}.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<RedisServerHandle> factory;
  private RedisServerHandle server;
  private RedisClient client;
  private String ownerContextId;

  public RedisExtension() {
    this(RedisServerHandle::start);
  }

  /** For a server with non-default settings. */
  public RedisExtension(Supplier<RedisServerHandle> factory) {
    this.factory = factory;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // @Nested classes run beforeAll again; they share the outer class's server.
    if (server == null) {
      server = factory.get();
      ownerContextId = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server == null || !context.getUniqueId().equals(ownerContextId)) {
      return;
    }
    RedisServerHandle toClose = server;
    RedisClient clientToClose = client;
    client = null;
    server = null;
    ownerContextId = null;
    try {
      if (clientToClose != null) {
        clientToClose.close();
      }
    } finally {
      toClose.close();
    }
  }

  public RedisServerHandle server() {
    if (server == null) {
      throw new IllegalStateException(
          "Redis is not running: register RedisExtension on a static field with"
              + " @RegisterExtension, and use it only inside tests");
    }
    return server;
  }

  public String uri() {
    return server().uri();
  }

  /** Shared by the test class and closed after it; callers must not close it. */
  public synchronized RedisClient client() {
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /** A new pooled client the caller owns and closes. */
  public RedisClient newClient() {
    return RedisClient.create(URI.create(uri()));
  }

  /** A key prefix or name no other test (or run) uses. */
  public String uniqueName(String prefix) {
    return UniqueNames.next(prefix);
  }
}
