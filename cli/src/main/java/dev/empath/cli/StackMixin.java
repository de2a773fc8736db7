package dev.empath.cli;

import dev.empath.cli.stack.StackOptions;
import dev.empath.platform.config.EmpathConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of every command that starts the local stack. */
final class StackMixin {

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka port (default ${DEFAULT-VALUE}; 0 = any free port)")
  int kafkaPort;

  @Option(
      names = "--redis-port",
      defaultValue = "6379",
      description = "Redis port (default ${DEFAULT-VALUE}; 0 = any free port)")
  int redisPort;

  @Option(
      names = "--api-port",
      defaultValue = "8080",
      description = "HTTP port of the query API (default ${DEFAULT-VALUE}; 0 = any free port)")
  int apiPort;

  @Option(
      names = "--api-key",
      defaultValue = "${env:EMPATH_API_KEY}",
      description =
          "development API key (default: $EMPATH_API_KEY, else a random one, printed at start)")
  String apiKey;

  @Option(names = "--games", split = ",", description = "games the API key may read (default: all)")
  Set<String> games = Set.of();

  @Option(
      names = "--data-dir",
      defaultValue = ".empath",
      description =
          "state of the local stack: Kafka log, Redis AOF, Streams stores (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--fresh", description = "wipe the data directory and start empty")
  boolean fresh;

  @Option(
      names = "--ops-port",
      defaultValue = "9464",
      description =
          "first port of the workers' /metrics and /health: stream-emotion on it, stream-narrative,"
              + " llm-worker and memory-projector on the next three (default ${DEFAULT-VALUE};"
              + " 0 = any free ports; -1 = none)")
  int opsPort;

  StackOptions toOptions() {
    String key = apiKey == null || apiKey.isBlank() ? randomKey() : apiKey;
    return new StackOptions(
        kafkaPort, redisPort, apiPort, key, games, dataDir, fresh, opsPort, EmpathConfig.load());
  }

  private static String randomKey() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return "dev-" + HexFormat.of().formatHex(bytes);
  }
}
