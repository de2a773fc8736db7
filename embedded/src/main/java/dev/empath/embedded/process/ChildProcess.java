package dev.empath.embedded.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started by {@link ChildJvm}: its pid, its output (kept as a short tail, and in a log file
 * if one was named) and the two ways to end it, SIGTERM ({@link #stop}) and SIGKILL ({@link
 * #kill}).
 */
public final class ChildProcess implements AutoCloseable {

  private static final int TAIL_LINES = 200;

  private final String name;
  private final Process process;
  private final Path log;
  private final Deque<String> tail = new ArrayDeque<>();
  private final List<String> allLines = new ArrayList<>();
  private boolean outputClosed;

  ChildProcess(String name, Process process, Path log, boolean readOutput) {
    this.name = name;
    this.process = process;
    this.log = log;
    if (readOutput) {
      Thread reader = new Thread(this::readOutput, "child-output-" + process.pid());
      reader.setDaemon(true);
      reader.start();
    } else {
      outputClosed = true;
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Process process() {
    return process;
  }

  /** The exit status, once the process has ended. */
  public Optional<Integer> exitValue() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /**
   * Waits until the child prints a line matching {@code line} and returns it; empty when the child
   * ends or the time runs out first.
   */
  public synchronized Optional<String> awaitLine(Predicate<String> line, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < allLines.size(); seen++) {
        if (line.test(allLines.get(seen))) {
          return Optional.of(allLines.get(seen));
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || outputClosed) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The lines the child printed, up to the first 10,000. */
  public synchronized List<String> lines() {
    return List.copyOf(allLines);
  }

  /** The last lines the child printed. */
  public synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  /** SIGKILL, as the OOM killer or a lost machine would end it: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, then SIGKILL if the child has not ended within {@code grace}. */
  public void stop(Duration grace) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
    }
  }

  /** Stops the child with a grace of 30 s. */
  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readOutput() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        OutputStream file = open(log)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (file != null) {
          file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          file.flush();
        }
        remember(line);
      }
    } catch (IOException e) {
      remember("(output of " + name + " closed: " + e + ")");
    } finally {
      synchronized (this) {
        outputClosed = true;
        notifyAll();
      }
    }
  }

  private synchronized void remember(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
    // Lines are kept until someone has had the chance to wait for them: only the first few
    // hundred matter (start-up), later ones go to the tail and the log only.
    if (allLines.size() < 10_000) {
      allLines.add(line);
    }
    notifyAll();
  }

  private static OutputStream open(Path log) throws IOException {
    if (log == null) {
      return null;
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    return Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public String toString() {
    return name + "[pid " + process.pid() + "]";
  }
}
