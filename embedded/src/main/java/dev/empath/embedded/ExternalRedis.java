package dev.empath.embedded;

import java.net.URI;

final class ExternalRedis implements RedisServerHandle {

  private static final int DEFAULT_PORT = 6379;

  private final URI uri;

  ExternalRedis(URI uri) {
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalArgumentException("Not a redis:// or rediss:// URL: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URL has no host: " + uri);
    }
    this.uri = uri;
  }

  @Override
  public String uri() {
    // Unchanged, so credentials and a database index in the URL reach the client.
    return uri.toString();
  }

  @Override
  public String host() {
    return uri.getHost();
  }

  @Override
  public int port() {
    return uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
  }

  @Override
  public boolean external() {
    return true;
  }

  @Override
  public void close() {
    // Not ours to stop.
  }

  @Override
  public String toString() {
    return "ExternalRedis[" + host() + ":" + port() + "]";
  }
}
