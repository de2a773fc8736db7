package dev.empath.cli.up;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./empath up} as a real child process, as a user runs it: its own JVM, its own signals. */
final class UpProcess {

  private static final Pattern OPS_LINE =
      Pattern.compile("^([a-z-]+): metrics http://127\\.0\\.0\\.1:(\\d+)/metrics.*");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final long startedNanos = System.nanoTime();

  private UpProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "up-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code empath up} with {@code args} and extra environment variables. */
  static UpProcess start(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx768m", "-cp", System.getProperty("java.class.path")));
    command.add("dev.empath.cli.EmpathCli");
    command.add("up");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      return new UpProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        output.add(line);
      }
    } catch (IOException e) {
      output.add("(output closed: " + e + ")");
    }
  }

  /** Waits for the ready line and returns how long the start took. */
  Duration awaitReady(Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .failFast("empath up exited:\n" + String.join("\n", tail()), () -> !process.isAlive())
        .until(() -> output.stream().anyMatch(l -> l.startsWith("EMPATH READY")));
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** The port of {@code service}'s operations endpoint, as the ready output names it. */
  Optional<Integer> opsPort(String service) {
    for (String line : output) {
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
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, the way Ctrl-C or a supervisor stops it; waits for the clean shutdown. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  List<String> tail() {
    int from = Math.max(0, output.size() - 40);
    return output.subList(from, output.size());
  }
}
