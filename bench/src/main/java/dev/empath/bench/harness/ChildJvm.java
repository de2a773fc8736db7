package dev.empath.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line of a child JVM: this JVM's {@code java}, a heap bound, a class path and a main
 * class. Load generators, fake providers and servers under test run as children so that their
 * threads, heap and CPU are not charged to the process being measured, or the other way round.
 */
public final class ChildJvm {

  private final List<String> command = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final String mainClass;

  private ChildJvm(String maxHeap, String classPath, String mainClass) {
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(classPath);
    this.mainClass = mainClass;
  }

  /** A child on this JVM's class path (the benchmark's own classes and every module). */
  public static ChildJvm of(String maxHeap, Class<?> mainClass) {
    return new ChildJvm(maxHeap, System.getProperty("java.class.path"), mainClass.getName());
  }

  /**
   * A child on exactly one module's runtime class path, as it is deployed: its packaged jar and the
   * {@code target/classpath.txt} that {@code bench/run} writes for every module of the reactor. Run
   * from the repository root, as {@code bench/run} does.
   */
  public static ChildJvm ofModule(String maxHeap, String module, String mainClass) {
    Path target = Paths.get(module, "target");
    Path deps = target.resolve("classpath.txt");
    try (Stream<Path> files = Files.list(target)) {
      Path jar =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no jar in " + target));
      String classPath = jar.toAbsolutePath() + ":" + Files.readString(deps).trim();
      return new ChildJvm(maxHeap, classPath, mainClass);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no packaged " + module + " (run through bench/run, from the repository root)", e);
    }
  }

  /** A JVM option ({@code -D...}, {@code -XX:...}) before the main class. */
  public ChildJvm option(String option) {
    command.add(option);
    return this;
  }

  /** Program arguments after the main class. */
  public ChildJvm args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  public List<String> command() {
    List<String> all = new ArrayList<>(command);
    all.add(mainClass);
    all.addAll(args);
    return all;
  }

  public ProcessBuilder processBuilder() {
    return new ProcessBuilder(command());
  }

  /** Runs the child with this JVM's stdout and stderr and waits for its exit code. */
  public int runInheritingIo() throws IOException, InterruptedException {
    return processBuilder().inheritIO().start().waitFor();
  }
}
