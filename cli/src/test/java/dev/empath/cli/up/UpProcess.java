package dev.empath.cli.up;

import dev.empath.embedded.process.ChildJvm;
import dev.empath.embedded.process.ChildProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./empath up} as a real child process, as a user runs it: its own JVM, its own signals. */
final class UpProcess {

  private static final Pattern OPS_LINE =
      Pattern.compile("^([a-z-]+): metrics http://127\\.0\\.0\\.1:(\\d+)/metrics.*");

  private final ChildProcess process;
  private final long startedNanos = System.nanoTime();

  private UpProcess(ChildProcess process) {
    this.process = process;
  }

  /** Starts {@code empath up} with {@code args} and extra environment variables. */
  static UpProcess start(Map<String, String> env, String... args) {
    return new UpProcess(
        ChildJvm.of("dev.empath.cli.EmpathCli")
            .maxHeap("768m")
            .environment(env)
            .arguments("up")
            .arguments(args)
            .start());
  }

  /** Waits for the ready line and returns how long the start took. */
  Duration awaitReady(Duration timeout) throws InterruptedException {
    if (process.awaitLine(l -> l.startsWith("EMPATH READY"), timeout).isEmpty()) {
      throw new AssertionError(
          (process.isAlive() ? "empath up not ready within " + timeout : "empath up exited")
              + ":\n"
              + String.join("\n", tail()));
    }
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** The port of {@code service}'s operations endpoint, as the ready output names it. */
  Optional<Integer> opsPort(String service) {
    for (String line : process.lines()) {
      Matcher m = OPS_LINE.matcher(line);
      if (m.matches() && m.group(1).equals(service)) {
        return Optional.of(Integer.parseInt(m.group(2)));
      }
    }
    return Optional.empty();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs, as when the machine or the OOM killer ends the process. */
  void killHard() throws InterruptedException {
    process.kill();
  }

  /** SIGTERM, the way Ctrl-C or a supervisor stops it; waits for the clean shutdown. */
  void stop() throws InterruptedException {
    process.stop(Duration.ofSeconds(60));
  }

  List<String> tail() {
    List<String> tail = process.tail();
    return tail.subList(Math.max(0, tail.size() - 40), tail.size());
  }
}
