package dev.empath.bench.chaos;

import dev.empath.embedded.EmbeddedRedis;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code redis-server} on a fixed port and its own directory, with the append-only file fsynced
 * once a second ({@code appendfsync everysec}, Redis's default and the usual production choice):
 * SIGKILL may lose up to about a second of acknowledged writes, which the projector must repair.
 */
final class RedisComponent implements Component {

  private final int port;
  private final Path dir;
  private EmbeddedRedis redis;

  RedisComponent(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  @Override
  public String name() {
    return ChaosStack.REDIS;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public Duration start() {
    long started = System.nanoTime();
    if (redis != null) {
      redis.close(); // killed before: only its shutdown hook is left to remove
    }
    redis =
        EmbeddedRedis.builder()
            .port(port)
            .dataDir(dir)
            .startupTimeout(Duration.ofSeconds(60))
            .arguments("--appendfsync", "everysec")
            .start();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public void kill() {
    if (redis != null) {
      redis.kill();
    }
  }

  @Override
  public boolean isAlive() {
    return redis != null && redis.isAlive();
  }

  @Override
  public long pid() {
    return isAlive() ? redis.pid() : -1;
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
