package dev.empath.platform.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a service as its own process: start it, then block until the JVM is asked to stop. */
public final class ServiceRunner {

  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /**
   * Calls {@code start}, then waits; on SIGTERM or Ctrl-C the shutdown hook closes {@code service}
   * (which finishes or aborts in-flight work cleanly) before the JVM exits.
   */
  public static void runUntilShutdown(String name, AutoCloseable service, Runnable start)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    log.warn("{} did not close cleanly: {}", name, e.toString());
                  } finally {
                    stopped.countDown();
                  }
                },
                name + "-shutdown"));
    start.run();
    log.info("{} running", name);
    stopped.await();
  }
}
