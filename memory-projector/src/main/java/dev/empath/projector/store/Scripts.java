package dev.empath.projector.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The commit scripts' sources, from this package's resources. */
final class Scripts {

  private Scripts() {}

  /** The named resources one after the other: shared functions first, then the script. */
  static String source(String... names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      try (InputStream in = Scripts.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + " missing from the classpath");
        }
        out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }
}
