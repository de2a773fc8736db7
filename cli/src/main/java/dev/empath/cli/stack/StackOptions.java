package dev.empath.cli.stack;

import dev.empath.platform.config.EmpathConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How to start the local stack.
 *
 * @param kafkaPort broker port, 0 = any free port
 * @param redisPort Redis port, 0 = any free port
 * @param apiPort HTTP port of the query-api, 0 = any free port
 * @param apiKey the development API key the query-api accepts
 * @param games games the key may read; empty = every game
 * @param dataDir where broker, Redis and Streams state live between runs
 * @param fresh wipe {@code dataDir} first
 * @param opsPort the first of the workers' operations ports, in the order of {@link
 *     LocalStack#SERVICES}; 0 = any free ports, negative = none
 * @param base configuration read as every service reads it (file, environment, {@code -D}); the
 *     stack's own addresses (broker, Redis, state directory, ports) are set over it
 */
public record StackOptions(
    int kafkaPort,
    int redisPort,
    int apiPort,
    String apiKey,
    Set<String> games,
    Path dataDir,
    boolean fresh,
    int opsPort,
    EmpathConfig base) {

  public StackOptions {
    games = Set.copyOf(games);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("an API key is required");
    }
  }

  /** Free ports for every operations endpoint and no configuration beyond the defaults. */
  public StackOptions(
      int kafkaPort,
      int redisPort,
      int apiPort,
      String apiKey,
      Set<String> games,
      Path dataDir,
      boolean fresh) {
    this(
        kafkaPort, redisPort, apiPort, apiKey, games, dataDir, fresh, 0, EmpathConfig.of(Map.of()));
  }
}
