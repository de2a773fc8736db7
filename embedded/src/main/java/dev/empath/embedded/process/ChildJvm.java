package dev.empath.embedded.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A main class run in a JVM of its own, with this JVM's Java and class path: how the benchmarks'
 * load generators and fake providers, the fault harness's services and broker, and the tests of
 * {@code ./empath up} start other processes. A child of its own can be killed with SIGKILL, which
 * no thread of this JVM could stand in for.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** A child running {@code mainClass}. */
  public static Builder of(String mainClass) {
    return new Builder(mainClass);
  }

  /** The {@code java} executable of this JVM. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Settings of one child; a builder may start several children in turn. */
  public static final class Builder {

    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private String maxHeap = "256m";
    private String classPath = System.getProperty("java.class.path");
    private Path log;
    private boolean inheritOutput;

    private Builder(String mainClass) {
      this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /** {@code -Xmx}, e.g. {@code 256m}. */
    public Builder maxHeap(String maxHeap) {
      this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
      return this;
    }

    /** Further JVM options, e.g. {@code -XX:+UseSerialGC}. */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    public Builder arguments(String... args) {
      arguments.addAll(List.of(args));
      return this;
    }

    public Builder classPath(String classPath) {
      this.classPath = Objects.requireNonNull(classPath, "classPath");
      return this;
    }

    /** Appends the child's output (stdout and stderr) to this file as well as reading it. */
    public Builder log(Path log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * The child writes straight to this process's stdout and stderr, for a child whose output is
     * the program's output (a benchmark's load generator); {@link ChildProcess#awaitLine} then sees
     * nothing.
     */
    public Builder inheritOutput() {
      this.inheritOutput = true;
      return this;
    }

    /** The command line {@link #start()} runs. */
    public List<String> command() {
      List<String> command = new ArrayList<>();
      command.add(javaExecutable());
      command.add("-Xmx" + maxHeap);
      command.addAll(jvmOptions);
      systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.addAll(List.of("-cp", classPath, mainClass));
      command.addAll(arguments);
      return command;
    }

    public ChildProcess start() {
      ProcessBuilder builder = new ProcessBuilder(command());
      builder.environment().putAll(environment);
      if (inheritOutput) {
        builder.inheritIO();
      } else {
        builder.redirectErrorStream(true);
      }
      try {
        return new ChildProcess(mainClass, builder.start(), log, !inheritOutput);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start a JVM for " + mainClass, e);
      }
    }
  }
}
