package dev.empath.embedded;

import java.net.URI;

/**
 * A Redis server a caller can talk to, whether this JVM started it or not.
 *
 * <p>{@link #close()} stops the server only when this JVM started it.
 */
public interface RedisServerHandle extends AutoCloseable {

  /** Environment variable naming an external server to use instead of starting one. */
  String REDIS_URL_ENV = "REDIS_URL";

  /** A {@code redis://host:port} (or {@code rediss://...}) URI, as Jedis accepts it. */
  String uri();

  String host();

  int port();

  /** True when the server is not owned by this JVM, so closing leaves it running. */
  boolean external();

  @Override
  void close();

  /**
   * Uses the server named by {@value #REDIS_URL_ENV} if set, otherwise starts an {@link
   * EmbeddedRedis} with default (non-persistent) settings.
   */
  static RedisServerHandle start() {
    return startOr(EmbeddedRedis.builder());
  }

  /**
   * Uses the server named by {@value #REDIS_URL_ENV} if set, otherwise starts one from {@code
   * fallback}.
   */
  static RedisServerHandle startOr(EmbeddedRedis.Builder fallback) {
    String url = System.getenv(REDIS_URL_ENV);
    if (url != null && !url.isBlank()) {
      return external(url);
    }
    return fallback.start();
  }

  /** A server someone else runs; closing the returned handle does nothing to it. */
  static RedisServerHandle external(String url) {
    return new ExternalRedis(URI.create(url.trim()));
  }
}
