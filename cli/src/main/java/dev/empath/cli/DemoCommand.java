package dev.empath.cli;

import dev.empath.cli.demo.Demo;
import dev.empath.cli.stack.LocalStack;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The local stack plus simulated players, with live progress and a summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Start the local stack, play simulated sessions through it and show the results.")
final class DemoCommand implements Callable<Integer> {

  @Mixin StackMixin stack;

  @Mixin PlaybackMixin play;

  @Override
  public Integer call() throws InterruptedException {
    if (play.problem() != null) {
      System.err.println(play.problem());
      return 2;
    }
    try (LocalStack running = UpCommand.startAndAnnounce(stack.toOptions(), System.out)) {
      Demo.Summary summary =
          new Demo(running, System.out, play.game)
              .run(play.players, Duration.ofSeconds(play.durationSeconds), play.seed);
      boolean complete =
          summary.predictions() > 0 && summary.decisions() > 0 && summary.generatedLines() > 0;
      return complete ? 0 : 1;
    }
  }
}
