package dev.empath.llm.cache;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.empath.llm.provider.Completion;
import dev.empath.llm.provider.Prompt;
import dev.empath.schemas.v1.GenerationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Provider answers in Redis, keyed by a SHA-256 of the normalized request — the parts that decide
 * the answer and not which provider gives it: messages, requested model, temperature, max tokens.
 * Entries expire after a TTL. The value is a {@link GenerationResult} holding text, provider, model
 * and tokens (the contract's own encoding, no second format).
 */
public final class ResponseCache {

  public static final String PREFIX = "empath:llm:cache:";

  private final RedisClient redis;
  private final Duration ttl;

  public ResponseCache(RedisClient redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  /** A cached provider answer. */
  public record Entry(Completion completion, String provider) {}

  public static String key(Prompt prompt) {
    String normalized =
        normalize(prompt.system())
            + "\u0000"
            + normalize(prompt.user())
            + "\u0000"
            + prompt.model().strip().toLowerCase(Locale.ROOT)
            + "\u0000"
            + String.format(Locale.ROOT, "%.2f", prompt.temperature())
            + "\u0000"
            + prompt.maxTokens();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public Optional<Entry> get(String key) {
    byte[] bytes = redis.get(key.getBytes(StandardCharsets.UTF_8));
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      GenerationResult r = GenerationResult.parseFrom(bytes);
      return Optional.of(
          new Entry(
              new Completion(r.getText(), r.getModel(), r.getTokensIn(), r.getTokensOut()),
              r.getProvider()));
    } catch (InvalidProtocolBufferException corrupt) {
      return Optional.empty(); // a bad entry is a miss; the next answer overwrites it
    }
  }

  public void put(String key, Entry entry) {
    GenerationResult value =
        GenerationResult.newBuilder()
            .setText(entry.completion().text())
            .setModel(entry.completion().model())
            .setProvider(entry.provider())
            .setTokensIn(entry.completion().tokensIn())
            .setTokensOut(entry.completion().tokensOut())
            .build();
    redis.set(
        key.getBytes(StandardCharsets.UTF_8),
        value.toByteArray(),
        SetParams.setParams().px(ttl.toMillis()));
  }

  /** Collapses whitespace runs so formatting noise does not split the cache. */
  static String normalize(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
