package dev.empath.cli;

import dev.empath.cli.stack.LocalStack;
import dev.empath.cli.stack.StackOptions;
import dev.empath.platform.app.LaunchedService;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Starts the whole pipeline in this process and keeps it running until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start Kafka, Redis and every service in one process; Ctrl-C stops them.")
final class UpCommand implements Callable<Integer> {

  @Mixin StackMixin stack;

  @Override
  public Integer call() throws InterruptedException {
    StackOptions options = stack.toOptions();
    LocalStack running = startAndAnnounce(options, System.out);
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
    return 0;
  }

  /** Starts the stack, waits until it is ready, and prints where everything is. */
  static LocalStack startAndAnnounce(StackOptions options, PrintStream out)
      throws InterruptedException {
    out.println("starting the local stack in " + options.dataDir().toAbsolutePath());
    LocalStack stack = LocalStack.start(options);
    if (!stack.awaitRunning(Duration.ofSeconds(60))) {
      stack.close();
      throw new IllegalStateException("Streams applications did not reach RUNNING in 60 s");
    }
    out.println("API key: " + stack.apiKey());
    out.println(
        "query API: "
            + stack.apiUrl()
            + " (OpenAPI: "
            + stack.apiUrl()
            + "/openapi/empath-query-api-v1.yml, health: "
            + stack.apiUrl()
            + "/health)");
    for (LaunchedService service : stack.services()) {
      service
          .opsPort()
          .ifPresent(
              port ->
                  out.printf(
                      "%s: metrics http://127.0.0.1:%d/metrics, health http://127.0.0.1:%d/health%n",
                      service.name(), port, port));
    }
    out.println(
        "EMPATH READY kafka="
            + stack.kafkaBootstrapServers()
            + " redis="
            + stack.redisHostPort()
            + " api="
            + stack.apiUrl());
    out.flush();
    return stack;
  }
}
