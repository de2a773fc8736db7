package dev.empath.embedded;

import dev.empath.embedded.security.RedisSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code redis-server} running as a child process of this JVM: the one on the PATH if
 * installed, otherwise the binary bundled in {@code com.github.codemonstur:embedded-redis}.
 *
 * <p>To honour an external server named by {@code REDIS_URL}, start through {@link
 * RedisServerHandle#start()} instead.
 */
public final class EmbeddedRedis implements RedisServerHandle {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

  private static final String HOST = "127.0.0.1";
  private static final String LOG_FILE = "redis-server.log";
  private static final int EPHEMERAL_PORT_ATTEMPTS = 3;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final RedisSecurity security;
  private final int port;
  private final Path workDir;
  private final boolean deleteWorkDirOnClose;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private static final long OWNER_CLOSE_GRACE_SECONDS = 5;
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private EmbeddedRedis(
      Process process,
      int port,
      Path workDir,
      boolean deleteWorkDirOnClose,
      RedisSecurity security) {
    this.process = process;
    this.security = security;
    this.port = port;
    this.workDir = workDir;
    this.deleteWorkDirOnClose = deleteWorkDirOnClose;
    // A JVM that exits without close() must not leave an orphaned redis-server holding the port.
    // The hook first gives an owner's own shutdown hook time to close this server in order (a
    // stack stops its services before their Redis), and only then destroys the process.
    this.shutdownHook =
        new Thread(
            () -> {
              try {
                closedLatch.await(OWNER_CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              process.destroy();
            },
            "embedded-redis-" + port + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a non-persistent server on a free port. */
  public static EmbeddedRedis start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code redis://host:port}, or {@code rediss://host:port} when secured (no user). */
  @Override
  public String uri() {
    return (security == null ? "redis://" : "rediss://") + HOST + ":" + port;
  }

  /** The URL of one of a secured server's users ({@link Builder#secured}). */
  public String uri(String user) {
    if (security == null) {
      throw new IllegalStateException("this server has no users: " + uri());
    }
    return security.uri(user, HOST, port);
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public boolean external() {
    return false;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Kills the server with SIGKILL, as a crash would: nothing is flushed. For fault tests; {@link
   * #close()} afterwards only cleans up.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server (SIGTERM, so an append-only file is flushed) and waits for it to exit. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is already running or about to; it destroys the process too.
    }
    stop(process);
    closedLatch.countDown();
    if (deleteWorkDirOnClose) {
      try {
        Dirs.deleteRecursively(workDir);
      } catch (IOException e) {
        log.warn("Could not delete Redis work dir {}", workDir, e);
      }
    }
    log.info("Redis {} stopped", uri());
  }

  @Override
  public String toString() {
    return "EmbeddedRedis[" + uri() + ", pid " + process.pid() + "]";
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("redis-server pid {} ignored SIGTERM; killing it", process.pid());
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Settings for one server. A builder may start several servers in turn. */
  public static final class Builder {

    private int port;
    private Path dataDir;
    private Path executable;
    private Duration startupTimeout = Duration.ofSeconds(10);
    private final List<String> extraArguments = new ArrayList<>();
    private RedisSecurity security;

    private Builder() {}

    /** TLS only, the {@code default} user off, the ACL users of {@code security}. */
    public Builder secured(RedisSecurity security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /** More {@code redis-server} arguments, e.g. {@code --cluster-enabled yes}. */
    public Builder arguments(String... arguments) {
      extraArguments.addAll(List.of(arguments));
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Persistent storage: enables the append-only file in this directory, so data survives a stop
     * and restart. Without it nothing is written to disk.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** A specific {@code redis-server} binary instead of the PATH or bundled one. */
    public Builder executable(Path executable) {
      this.executable = Objects.requireNonNull(executable, "executable");
      return this;
    }

    /** How long to wait until the server answers (and has loaded its data). */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
      return this;
    }

    public EmbeddedRedis start() {
      long startNanos = System.nanoTime();
      Path binary = executable != null ? executable : RedisExecutables.locate();
      boolean temporary = dataDir == null;
      Path workDir = temporary ? Dirs.createTemp("embedded-redis-") : createDirectories(dataDir);
      if (!temporary) {
        OrphanedRedis.stopIfRunning(workDir);
      }
      try {
        EmbeddedRedis redis = startWithPortRetry(binary, workDir, temporary);
        log.info(
            "Redis {} started in {} ms ({}, data {})",
            redis.uri(),
            (System.nanoTime() - startNanos) / 1_000_000,
            binary,
            temporary ? "none" : workDir);
        return redis;
      } catch (RuntimeException e) {
        if (temporary) {
          try {
            Dirs.deleteRecursively(workDir);
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
    }

    /** A free port can be taken by someone else before redis binds it; then try another. */
    private EmbeddedRedis startWithPortRetry(Path binary, Path workDir, boolean temporary) {
      int attempts = port == 0 ? EPHEMERAL_PORT_ATTEMPTS : 1;
      for (int attempt = 1; ; attempt++) {
        int chosenPort = port == 0 ? FreePorts.one() : port;
        try {
          return startOnce(binary, workDir, temporary, chosenPort);
        } catch (PortInUseException e) {
          if (attempt >= attempts) {
            throw e;
          }
          log.debug("Port {} was taken before redis-server bound it; retrying", chosenPort);
        }
      }
    }

    private EmbeddedRedis startOnce(Path binary, Path workDir, boolean temporary, int port) {
      Path logFile = workDir.resolve(LOG_FILE);
      ProcessBuilder processBuilder =
          new ProcessBuilder(command(binary, workDir, temporary, port))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      long logOffset = ServerLog.sizeOf(logFile);
      Process process;
      try {
        process = processBuilder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not run " + binary, e);
      }
      try {
        awaitReady(process, port, logFile, logOffset);
      } catch (RuntimeException e) {
        stop(process);
        throw e;
      }
      return new EmbeddedRedis(process, port, workDir, temporary, security);
    }

    private List<String> command(Path binary, Path workDir, boolean temporary, int port) {
      List<String> command = new ArrayList<>();
      // In a session of its own, a terminal's Ctrl-C reaches only the JVM, which then stops its
      // services before this server instead of racing it (setsid execs in place: same pid).
      if (Files.isExecutable(SETSID)) {
        command.add(SETSID.toString());
      }
      command.add(binary.toString());
      if (security == null) {
        command.addAll(List.of("--port", String.valueOf(port)));
      } else {
        command.addAll(security.serverArguments(port, security.writeAclFile(workDir)));
      }
      command.addAll(List.of("--bind", HOST));
      command.addAll(List.of("--daemonize", "no", "--dir", workDir.toString()));
      // RDB snapshots off in both modes: the local stack persists through the append-only file.
      command.addAll(List.of("--save", ""));
      command.addAll(List.of("--appendonly", temporary ? "no" : "yes"));
      if (!temporary) {
        // Finds this server again if the JVM that started it is killed (see OrphanedRedis).
        command.addAll(List.of("--pidfile", workDir.resolve(OrphanedRedis.PID_FILE).toString()));
      }
      command.addAll(extraArguments);
      return command;
    }

    private void awaitReady(Process process, int port, Path logFile, long logOffset) {
      long deadline = System.nanoTime() + startupTimeout.toNanos();
      long backoffMillis = 5;
      String lastProblem = "no answer";
      while (true) {
        try {
          if (RedisProbe.isReady(HOST, port, process.pid(), security)) {
            return;
          }
          lastProblem = "another process or still loading";
        } catch (IOException e) {
          lastProblem = e.toString();
        }
        if (!process.isAlive()) {
          String output = ServerLog.readFrom(logFile, logOffset);
          if (output.contains("Address already in use")) {
            throw new PortInUseException(port, output);
          }
          throw new IllegalStateException(
              "redis-server exited with code "
                  + process.exitValue()
                  + " on port "
                  + port
                  + ":\n"
                  + output);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "redis-server on port "
                  + port
                  + " was not ready within "
                  + startupTimeout
                  + " (last: "
                  + lastProblem
                  + "):\n"
                  + ServerLog.readFrom(logFile, logOffset));
        }
        sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 100);
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for redis-server", e);
      }
    }

    private static Path createDirectories(Path dir) {
      try {
        return Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not create Redis data dir " + dir, e);
      }
    }
  }

  private static final class PortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortInUseException(int port, String output) {
      super("Port " + port + " is already in use:\n" + output);
    }
  }
}
