package dev.empath.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * A benchmark's child JVM: load generators, fake providers and servers under test run as children
 * so that their threads, heap and CPU are not charged to the process being measured, or the other
 * way round. The command line is built by {@code embedded}'s {@link
 * dev.empath.embedded.process.ChildJvm}, the one launcher of the project's child JVMs; this adds a
 * module's deployed class path.
 */
public final class ChildJvm {

  private final dev.empath.embedded.process.ChildJvm.Builder jvm;

  private ChildJvm(String maxHeap, String classPath, String mainClass) {
    this.jvm =
        dev.empath.embedded.process.ChildJvm.of(mainClass).maxHeap(maxHeap).classPath(classPath);
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
    jvm.jvmOptions(option);
    return this;
  }

  /** Program arguments after the main class. */
  public ChildJvm args(String... values) {
    jvm.arguments(values);
    return this;
  }

  public List<String> command() {
    return jvm.command();
  }

  public ProcessBuilder processBuilder() {
    return new ProcessBuilder(command());
  }

  /** Runs the child with this JVM's stdout and stderr and waits for its exit code. */
  public int runInheritingIo() throws InterruptedException {
    return jvm.inheritOutput().start().process().waitFor();
  }
}
