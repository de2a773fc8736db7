package dev.empath.query.auth;

import dev.empath.platform.threads.DaemonThreads;
import dev.empath.query.config.ApiProperties;
import jakarta.annotation.PreDestroy;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API keys, looked up by the hash of what a caller presents. Keys from the keys file
 * are read again when the file changes, so a key is rotated without a restart: add the new key's
 * line (both keys then work), move callers over, remove the old line.
 */
@Singleton
public final class ApiKeys implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

  private final Map<String, String> configured;
  private final Map<String, String> configuredScopes;
  private final Path file;
  private final ScheduledExecutorService reloader;
  private volatile Map<String, ApiKey> byHash;
  private volatile byte[] fileContent;

  public ApiKeys(ApiProperties properties) {
    this.configured = Map.copyOf(properties.keys());
    this.configuredScopes = Map.copyOf(properties.scopes());
    this.file =
        properties.keysFile() == null || properties.keysFile().isBlank()
            ? null
            : Path.of(properties.keysFile());
    this.fileContent = file == null ? null : content(file);
    this.byHash = load();
    if (byHash.isEmpty()) {
      log.warn("no API keys configured (empath.api.keys): every /v1 request will get 401");
    } else {
      log.info("{} API keys configured", byHash.size());
    }
    if (file != null && properties.keysFileReloadMs() > 0) {
      reloader = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("api-keys-reload"));
      reloader.scheduleWithFixedDelay(
          this::reloadIfChanged,
          properties.keysFileReloadMs(),
          properties.keysFileReloadMs(),
          TimeUnit.MILLISECONDS);
    } else {
      reloader = null;
    }
  }

  private Map<String, ApiKey> load() {
    Map<String, String> entries = new HashMap<>(configured);
    Map<String, String> scopes = new HashMap<>(configuredScopes);
    if (file != null) {
      readFile(file, entries, scopes);
    }
    return parse(entries, scopes);
  }

  /** A file that cannot be read (mid-write, removed) leaves the keys as they were. */
  void reloadIfChanged() {
    try {
      // A few lines, read whole: a changed modification time alone misses a rewrite within the
      // file system's time resolution.
      byte[] now = content(file);
      if (now == null || Arrays.equals(now, fileContent)) {
        return;
      }
      Map<String, ApiKey> loaded = load();
      fileContent = now;
      byHash = loaded;
      log.info("API keys file {} changed: {} keys configured", file, loaded.size());
    } catch (RuntimeException e) {
      log.warn("API keys file {} not reloaded, keeping the keys in use: {}", file, e.toString());
    }
  }

  private static byte[] content(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  @PreDestroy
  @Override
  public void close() {
    if (reloader != null) {
      reloader.shutdownNow();
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
    return parse(entries, Map.of());
  }

  /**
   * @param entries key hash → games
   * @param scopes key hash → scopes; a hash without an entry in {@code entries} is ignored
   */
  static Map<String, ApiKey> parse(Map<String, String> entries, Map<String, String> scopes) {
    Map<String, Set<String>> scopesByHash = new HashMap<>();
    scopes.forEach((hash, list) -> scopesByHash.put(hash.toLowerCase(Locale.ROOT), split(list)));
    Map<String, ApiKey> keys = new HashMap<>();
    entries.forEach(
        (hash, games) -> {
          if (!KeyHash.isSha256Hex(hash)) {
            // Environment variables can add unrelated entries under the same prefix.
            log.warn("ignoring API key entry '{}': not a SHA-256 hex hash", shorten(hash));
            return;
          }
          String normalized = hash.toLowerCase(Locale.ROOT);
          keys.put(
              normalized,
              new ApiKey(
                  normalized.substring(0, 8),
                  normalized,
                  split(games),
                  scopesByHash.getOrDefault(normalized, Set.of())));
        });
    return Map.copyOf(keys);
  }

  private static Set<String> split(String list) {
    return Arrays.stream(list == null ? new String[0] : list.split(","))
        .map(String::trim)
        .filter(g -> !g.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Lines of {@code <hash> <games> [<scopes>]}. */
  private static void readFile(Path file, Map<String, String> entries, Map<String, String> scopes) {
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+", 3);
        entries.put(parts[0], parts.length > 1 ? parts[1] : "");
        if (parts.length > 2) {
          scopes.put(parts[0], parts[2]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read API keys file " + file, e);
    }
  }

  private static String shorten(String s) {
    return s.length() <= 12 ? s : s.substring(0, 12) + "...";
  }
}
