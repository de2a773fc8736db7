package dev.empath.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

class EmbeddedRedisIT {

  @Test
  void setGetAndLuaAgainstARealServer() {
    try (EmbeddedRedis redis = EmbeddedRedis.start();
        RedisClient client = RedisClient.create(URI.create(redis.uri()))) {
      assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
      assertThat(redis.external()).isFalse();

      client.set("greeting", "hello");
      assertThat(client.get("greeting")).isEqualTo("hello");

      Object result =
          client.eval(
              "return redis.call('INCRBY', KEYS[1], ARGV[1])", List.of("counter"), List.of("5"));
      assertThat(result).isEqualTo(5L);

      // Non-persistent mode: nothing may end up on disk.
      assertThat(client.configGet("save")).isEqualTo(Map.of("save", ""));
      assertThat(client.configGet("appendonly")).isEqualTo(Map.of("appendonly", "no"));
    }
  }

  @Test
  void closeStopsTheServer() throws Exception {
    EmbeddedRedis redis = EmbeddedRedis.start();
    assertThat(ping(redis)).isEqualTo("PONG");
    ProcessHandle process = ProcessHandle.of(redis.pid()).orElseThrow();

    redis.close();
    redis.close(); // idempotent

    assertThat(process.isAlive()).isFalse();
    assertThatThrownBy(() -> connect(redis.port())).isInstanceOf(ConnectException.class);
  }

  @Test
  void dataDirSurvivesRestart(@TempDir Path dataDir) {
    try (EmbeddedRedis first = EmbeddedRedis.builder().dataDir(dataDir).start();
        RedisClient client = RedisClient.create(URI.create(first.uri()))) {
      client.set("durable", "yes");
    }
    try (EmbeddedRedis second = EmbeddedRedis.builder().dataDir(dataDir).start();
        RedisClient client = RedisClient.create(URI.create(second.uri()))) {
      assertThat(client.get("durable")).isEqualTo("yes");
    }
  }

  @Test
  void externalHandleLeavesTheServerRunning() throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start()) {
      RedisServerHandle external = RedisServerHandle.external(redis.uri());
      assertThat(external.external()).isTrue();
      assertThat(external.host()).isEqualTo("127.0.0.1");
      assertThat(external.port()).isEqualTo(redis.port());
      external.close();
      assertThat(ping(redis)).isEqualTo("PONG");
    }
  }

  @Test
  void prefersARedisServerOnThePath(@TempDir Path bin) throws Exception {
    Path onPath = Files.createSymbolicLink(bin.resolve("redis-server"), RedisExecutables.bundled());
    assertThat(RedisExecutables.onPath("/nonexistent:" + bin)).contains(onPath);
    assertThat(RedisExecutables.onPath("/nonexistent")).isEmpty();

    try (EmbeddedRedis redis = EmbeddedRedis.builder().executable(onPath).start()) {
      assertThat(ping(redis)).isEqualTo("PONG");
    } finally {
      // JUnit warns about links out of its temp dir; the target is the shared bundled binary.
      Files.delete(onPath);
    }
  }

  @Test
  void busyFixedPortFailsInsteadOfReportingTheOtherServer() {
    try (EmbeddedRedis first = EmbeddedRedis.start()) {
      // The first server answers on that port; the second must not mistake it for itself.
      assertThatThrownBy(() -> EmbeddedRedis.builder().port(first.port()).start())
          .hasMessageContaining("Address already in use");
      assertThat(ping(first)).isEqualTo("PONG");
    }
  }

  private static String ping(RedisServerHandle redis) {
    try (RedisClient client = RedisClient.create(URI.create(redis.uri()))) {
      return client.ping();
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    }
  }
}
