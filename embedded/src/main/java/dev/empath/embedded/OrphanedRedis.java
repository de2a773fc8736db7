package dev.empath.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} left running by a JVM that was killed (SIGKILL runs no shutdown hook)
 * still holds its port and its data directory. It is found by the pid file the server writes in
 * that directory and stopped with SIGTERM, which makes it flush its append-only file first, so a
 * restart on the same directory loses nothing.
 */
final class OrphanedRedis {

  static final String PID_FILE = "redis-server.pid";

  private static final Logger log = LoggerFactory.getLogger(OrphanedRedis.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private OrphanedRedis() {}

  /** Stops the server that the pid file in {@code dataDir} names, if it still runs. */
  static void stopIfRunning(Path dataDir) {
    Path pidFile = dataDir.resolve(PID_FILE);
    Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of);
    if (orphan.isEmpty() || !isRedisServer(orphan.get())) {
      return;
    }
    ProcessHandle process = orphan.get();
    log.warn(
        "stopping redis-server pid {} left running on {} by a stack that did not stop cleanly",
        process.pid(),
        dataDir);
    process.destroy();
    if (!awaitExit(process)) {
      log.warn("redis-server pid {} ignored SIGTERM; killing it", process.pid());
      process.destroyForcibly();
      awaitExit(process);
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(
          Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A recycled pid may now belong to anything: stop only a redis-server. */
  private static boolean isRedisServer(ProcessHandle process) {
    return process.isAlive()
        && process.info().command().map(c -> c.contains("redis-server")).orElse(false);
  }

  private static boolean awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
