package dev.empath.embedded;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Names for topics, application ids and keys that do not collide between tests, nor between runs
 * sharing one external server.
 */
public final class UniqueNames {

  // Kafka's legal topic characters; a name built from these is also a safe Redis key.
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final AtomicLong COUNTER = new AtomicLong();

  private UniqueNames() {}

  /** {@code prefix-<n>-<8 random hex>}. */
  public static String next(String prefix) {
    if (prefix == null || !LEGAL.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "prefix must match " + LEGAL.pattern() + " to be a legal topic name: " + prefix);
    }
    String random = UUID.randomUUID().toString().substring(0, 8);
    return prefix + "-" + COUNTER.incrementAndGet() + "-" + random;
  }
}
