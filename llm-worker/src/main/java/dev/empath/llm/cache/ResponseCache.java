package dev.empath.llm.cache;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.empath.llm.budget.WriteBehindSource;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Provider answers in Redis, keyed by a SHA-256 of the normalized request — the parts that decide
 * the answer and not which provider gives it: messages, requested model, temperature, max tokens.
 * Entries expire after a TTL. The value is a {@link GenerationResult} holding text, provider, model
 * and tokens (the contract's own encoding, no second format).
 *
 * <p>Reads happen in the admission round trip ({@link dev.empath.llm.budget.CallAdmission}), and
 * only for keys that {@link CacheKeyIndex} says may exist; new entries are written behind the
 * result by {@link dev.empath.llm.budget.WriteBehind}. At most {@link #MAX_HELD} entries wait for a
 * flush; beyond that new ones are dropped, which costs only a later provider call.
 */
public final class ResponseCache implements WriteBehindSource {

  public static final String PREFIX = "empath:llm:cache:";
  static final int MAX_HELD = 10_000;

  private static final MessageDigest SHA_256 = sha256Prototype();

  private final UnifiedJedis redis;
  private final SetParams expiry;
  private final Queue<Put> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger heldCount = new AtomicInteger();
  private volatile Consumer<String> writeListener = key -> {};

  public ResponseCache(UnifiedJedis redis, Duration ttl) {
    this.redis = redis;
    this.expiry = SetParams.setParams().px(ttl.toMillis());
  }

  /** A cached provider answer. */
  public record Entry(Completion completion, String provider) {}

  private record Put(byte[] key, byte[] value) {}

  /**
   * Per game (the game id is the hash tag the game's budget key shares, so the admission script's
   * two keys sit in one Redis Cluster slot); within a game, by the normalized request.
   */
  public static String key(String gameId, Prompt prompt) {
    StringBuilder normalized = new StringBuilder(prompt.system().length() + prompt.user().length());
    normalize(prompt.system(), normalized);
    normalized.append('\u0000');
    normalize(prompt.user(), normalized);
    normalized
        .append('\u0000')
        .append(prompt.model().strip().toLowerCase(Locale.ROOT))
        .append('\u0000')
        .append(Math.round(prompt.temperature() * 100)) // two decimals, as hundredths
        .append('\u0000')
        .append(prompt.maxTokens());
    byte[] digest = sha256().digest(normalized.toString().getBytes(StandardCharsets.UTF_8));
    return PREFIX + "{" + gameId + "}:" + HexFormat.of().formatHex(digest);
  }

  // Cloning a digest skips the provider lookup of MessageDigest.getInstance on every request.
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException("every JVM has SHA-256", impossible);
      }
    }
  }

  /** Reads an entry directly (one round trip). */
  public Optional<Entry> get(String key) {
    return decode(redis.get(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** An entry from its stored bytes; empty for none or a corrupt one (a miss). */
  public static Optional<Entry> decode(byte[] bytes) {
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

  /**
   * Tells {@code listener} the key of every entry the moment it is held for writing, before Redis
   * has it: the worker's {@link CacheKeyIndex} then knows it without waiting for Redis to announce
   * it, so this worker's own next request with the same prompt reads the cache.
   */
  public void announceWritesTo(Consumer<String> listener) {
    this.writeListener = listener;
  }

  /** Stores an entry with the next flush of deferred writes. */
  public void putLater(String key, Entry entry) {
    if (heldCount.incrementAndGet() > MAX_HELD) {
      heldCount.decrementAndGet();
      return;
    }
    GenerationResult value =
        GenerationResult.newBuilder()
            .setText(entry.completion().text())
            .setModel(entry.completion().model())
            .setProvider(entry.provider())
            .setTokensIn(entry.completion().tokensIn())
            .setTokensOut(entry.completion().tokensOut())
            .build();
    writeListener.accept(key);
    held.add(new Put(key.getBytes(StandardCharsets.UTF_8), value.toByteArray()));
  }

  @Override
  public boolean holdsWrites() {
    return heldCount.get() > 0;
  }

  @Override
  public int drainTo(AbstractPipeline pipeline) {
    int n = 0;
    for (Put put = held.poll(); put != null; put = held.poll()) {
      heldCount.decrementAndGet();
      pipeline.set(put.key(), put.value(), expiry);
      n++;
    }
    return n;
  }

  /** Collapses whitespace runs so formatting noise does not split the cache. */
  static String normalize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    normalize(s, out);
    return out.toString();
  }

  private static void normalize(String s, StringBuilder out) {
    int start = out.length();
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > start; // leading whitespace is dropped
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
  }

  private static MessageDigest sha256Prototype() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
