package dev.empath.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A server's log file, of which one start's part goes into the error when that start fails. */
final class ServerLog {

  private ServerLog() {}

  /** Where this start's part of the log begins. */
  static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The log from {@code offset} on. */
  static String readFrom(Path logFile, long offset) {
    try {
      byte[] bytes = Files.readAllBytes(logFile);
      int from = (int) Math.min(offset, bytes.length);
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
