package dev.empath.cli;

import picocli.CommandLine.Option;

/** What to simulate: the options shared by {@code demo} and {@code simulate}. */
final class PlaybackMixin {

  @Option(
      names = "--players",
      defaultValue = "20",
      description = "simulated players (default ${DEFAULT-VALUE})")
  int players;

  @Option(
      names = "--duration",
      defaultValue = "60",
      description = "seconds of play (default ${DEFAULT-VALUE})")
  int durationSeconds;

  @Option(
      names = "--game",
      defaultValue = "demo-game",
      description = "game id (default ${DEFAULT-VALUE})")
  String game;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "simulator seed (default ${DEFAULT-VALUE})")
  long seed;

  /** An error message for nonsensical values, or null. */
  String problem() {
    return players < 1 || durationSeconds < 1
        ? "--players and --duration must be at least 1"
        : null;
  }
}
