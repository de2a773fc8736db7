package dev.empath.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;

/** Finds a real {@code redis-server}: the one installed on the PATH, else the bundled one. */
final class RedisExecutables {

  static final String BINARY_NAME = "redis-server";

  private static Path bundled;

  private RedisExecutables() {}

  static Path locate() {
    return onPath(System.getenv("PATH")).orElseGet(RedisExecutables::bundled);
  }

  static Optional<Path> onPath(String pathVariable) {
    if (pathVariable == null || pathVariable.isBlank()) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, BINARY_NAME);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Extracted once per JVM: the binary is ~10 MB and identical for every server. */
  static synchronized Path bundled() {
    if (bundled == null || !Files.isExecutable(bundled)) {
      try {
        bundled = ExecutableProvider.newJarResourceProvider().get().toPath();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not extract the bundled redis-server", e);
      }
    }
    return bundled;
  }
}
