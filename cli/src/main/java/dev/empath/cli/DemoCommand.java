package dev.empath.cli;

import dev.empath.cli.demo.Demo;
import dev.empath.cli.stack.LocalStack;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The local stack plus simulated players, with live progress and a summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Start the local stack, play simulated sessions through it and show the results.")
final class DemoCommand implements Callable<Integer> {

  @Mixin StackMixin stack;

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

  @Override
  public Integer call() throws InterruptedException {
    if (players < 1 || durationSeconds < 1) {
      System.err.println("--players and --duration must be at least 1");
      return 2;
    }
    try (LocalStack running = UpCommand.startAndAnnounce(stack.toOptions(), System.out)) {
      Demo.Summary summary =
          new Demo(running, System.out, game)
              .run(players, Duration.ofSeconds(durationSeconds), seed);
      boolean complete =
          summary.predictions() > 0 && summary.decisions() > 0 && summary.generatedLines() > 0;
      return complete ? 0 : 1;
    }
  }
}
