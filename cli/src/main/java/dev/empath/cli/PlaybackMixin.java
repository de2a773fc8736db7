package dev.empath.cli;

import dev.empath.cli.demo.Labelling;
import java.time.Duration;
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

  @Option(
      names = "--label-every",
      defaultValue = "3",
      paramLabel = "SECONDS",
      description =
          "each player checks in with how they feel (a self_report label of the arc's emotion on"
              + " empath.emotion.label.v1) every this many seconds of play; 0: no labels"
              + " (default ${DEFAULT-VALUE})")
  double labelEverySeconds;

  @Option(
      names = "--label-noise",
      defaultValue = "0.1",
      paramLabel = "SHARE",
      description =
          "share of labels naming another emotion than the arc's (default ${DEFAULT-VALUE})")
  double labelNoise;

  @Option(
      names = "--label-bias",
      defaultValue = "0.1",
      paramLabel = "SHARE",
      description =
          "share of labels that are the player's habitual answer, one emotion per player"
              + " (default ${DEFAULT-VALUE})")
  double labelBias;

  /** An error message for nonsensical values, or null. */
  String problem() {
    if (players < 1 || durationSeconds < 1) {
      return "--players and --duration must be at least 1";
    }
    if (!(labelEverySeconds >= 0)) {
      return "--label-every must be 0 (no labels) or more seconds, was " + labelEverySeconds;
    }
    if (!(labelNoise >= 0 && labelNoise <= 1) || !(labelBias >= 0 && labelBias <= 1)) {
      return "--label-noise and --label-bias must be between 0 and 1";
    }
    return null;
  }

  Labelling labelling() {
    return new Labelling(
        Duration.ofMillis(Math.round(labelEverySeconds * 1000)), labelNoise, labelBias);
  }
}
