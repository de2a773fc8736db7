package dev.empath.cli;

import dev.empath.cli.demo.Demo;
import dev.empath.cli.stack.LocalStack;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The local stack plus simulated players, with live progress and a summary; then the stack keeps
 * serving (so the printed dashboard link and curl examples answer) until Ctrl-C, or stops with
 * {@code --exit}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local stack, play simulated sessions through it and show the results.",
      "Prints the dashboard's link; after the summary the stack keeps serving until Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {

  @Mixin StackMixin stack;

  @Mixin PlaybackMixin play;

  @Option(names = "--exit", description = "stop the stack after the summary instead of serving on")
  boolean exit;

  @Override
  public Integer call() throws InterruptedException {
    if (play.problem() != null) {
      System.err.println(play.problem());
      return 2;
    }
    LocalStack running = UpCommand.startAndAnnounce(stack.toOptions(), System.out);
    int status;
    try {
      System.out.println("dashboard: " + running.dashboardUrl(play.game));
      Demo.Summary summary =
          new Demo(running, System.out, play.game)
              .run(
                  play.players,
                  Duration.ofSeconds(play.durationSeconds),
                  play.seed,
                  play.labelling());
      boolean complete =
          summary.predictions() > 0 && summary.decisions() > 0 && summary.generatedLines() > 0;
      status = complete ? 0 : 1;
    } catch (RuntimeException | InterruptedException e) {
      running.close();
      throw e;
    }
    if (exit) {
      running.close();
      return status;
    }
    System.out.println();
    System.out.println("dashboard: " + running.dashboardUrl(play.game));
    System.out.println("the stack keeps serving; Ctrl-C stops it (--exit stops after the summary)");
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping the local stack");
                  running.close();
                  stopped.countDown();
                },
                "empath-shutdown"));
    stopped.await();
    return status;
  }
}
