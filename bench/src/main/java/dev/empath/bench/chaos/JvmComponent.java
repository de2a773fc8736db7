package dev.empath.bench.chaos;

import dev.empath.embedded.process.ChildJvm;
import dev.empath.embedded.process.ChildProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A service or the broker: a main class in a JVM of its own, ready once it prints a line. */
final class JvmComponent implements Component {

  private final String name;
  private final ChildJvm.Builder jvm;
  private final Predicate<String> readyLine;
  private final Duration startTimeout;
  private ChildProcess process;

  JvmComponent(String name, ChildJvm.Builder jvm, Predicate<String> readyLine, Duration timeout) {
    this.name = name;
    this.jvm = jvm;
    this.readyLine = readyLine;
    this.startTimeout = timeout;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration start() throws InterruptedException {
    long started = System.nanoTime();
    process = jvm.start();
    Optional<String> ready = process.awaitLine(readyLine, startTimeout);
    if (ready.isEmpty()) {
      List<String> tail = process.tail();
      process.kill();
      throw new IllegalStateException(
          name
              + " did not start within "
              + startTimeout.toSeconds()
              + " s; its last output:\n  "
              + String.join("\n  ", tail.subList(Math.max(0, tail.size() - 30), tail.size())));
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public void kill() throws InterruptedException {
    if (process != null) {
      process.kill();
    }
  }

  @Override
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public long pid() {
    return isAlive() ? process.pid() : -1;
  }

  /** The exit status of a process that ended by itself, if it did. */
  Optional<Integer> exitValue() {
    return process == null ? Optional.empty() : process.exitValue();
  }

  List<String> tail() {
    return process == null ? List.of() : process.tail();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
