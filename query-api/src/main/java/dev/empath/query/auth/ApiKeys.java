package dev.empath.query.auth;

import dev.empath.query.config.ApiProperties;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured API keys, looked up by the hash of what a caller presents. */
@Singleton
public final class ApiKeys {

  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

  private final Map<String, ApiKey> byHash;

  public ApiKeys(ApiProperties properties) {
    Map<String, String> entries = new HashMap<>(properties.keys());
    if (properties.keysFile() != null && !properties.keysFile().isBlank()) {
      entries.putAll(readFile(Path.of(properties.keysFile())));
    }
    this.byHash = parse(entries);
    if (byHash.isEmpty()) {
      log.warn("no API keys configured (empath.api.keys): every /v1 request will get 401");
    } else {
      log.info("{} API keys configured", byHash.size());
    }
  }

  /** The key whose hash matches {@code presented}, if any. */
  public Optional<ApiKey> authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 512) {
      return Optional.empty();
    }
    return Optional.ofNullable(byHash.get(KeyHash.sha256Hex(presented)));
  }

  /** The key with this hash, if it is (still) configured. */
  public Optional<ApiKey> byHash(String hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  static Map<String, ApiKey> parse(Map<String, String> entries) {
    Map<String, ApiKey> keys = new HashMap<>();
    entries.forEach(
        (hash, games) -> {
          if (!KeyHash.isSha256Hex(hash)) {
            // Environment variables can add unrelated entries under the same prefix.
            log.warn("ignoring API key entry '{}': not a SHA-256 hex hash", shorten(hash));
            return;
          }
          Set<String> allowed =
              Arrays.stream(games == null ? new String[0] : games.split(","))
                  .map(String::trim)
                  .filter(g -> !g.isEmpty())
                  .collect(Collectors.toUnmodifiableSet());
          String normalized = hash.toLowerCase(Locale.ROOT);
          keys.put(normalized, new ApiKey(normalized.substring(0, 8), normalized, allowed));
        });
    return Map.copyOf(keys);
  }

  private static Map<String, String> readFile(Path file) {
    try {
      Map<String, String> entries = new HashMap<>();
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+", 2);
        entries.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read API keys file " + file, e);
    }
  }

  private static String shorten(String s) {
    return s.length() <= 12 ? s : s.substring(0, 12) + "...";
  }
}
