package dev.empath.cli.stack;

import java.nio.file.Path;
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
 */
public record StackOptions(
    int kafkaPort,
    int redisPort,
    int apiPort,
    String apiKey,
    Set<String> games,
    Path dataDir,
    boolean fresh) {

  public StackOptions {
    games = Set.copyOf(games);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("an API key is required");
    }
  }
}
