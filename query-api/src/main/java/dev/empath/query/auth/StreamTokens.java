package dev.empath.query.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived tokens that open a live stream, since a browser's EventSource cannot send headers: a
 * caller with a key asks for one (POST), then passes it as {@code ?token=} on the stream path only.
 * A token names one game and the key's hash, expires after {@link #LIFETIME_MS}, and is signed with
 * HMAC-SHA256; it keeps working only while its key is configured. Instances behind one load
 * balancer share {@code empath.api.stream-token-secret}; unset, each instance draws its own.
 */
@Singleton
public final class StreamTokens {

  /** How long a token may be used to open (or reopen) a stream; an open stream stays open. */
  public static final long LIFETIME_MS = 60_000;

  private static final String HMAC = "HmacSHA256";
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final ApiKeys keys;
  private final SecretKeySpec secret;
  private final LongSupplier clock;

  public StreamTokens(ApiKeys keys, @Value("${empath.api.stream-token-secret:}") String secret) {
    this(keys, secret, System::currentTimeMillis);
  }

  StreamTokens(ApiKeys keys, String secret, LongSupplier clock) {
    this.keys = keys;
    byte[] material;
    if (secret == null || secret.isEmpty()) {
      material = new byte[32];
      new SecureRandom().nextBytes(material);
    } else {
      material = secret.getBytes(StandardCharsets.UTF_8);
    }
    this.secret = new SecretKeySpec(material, HMAC);
    this.clock = clock;
  }

  /** A token: the key may read {@code game} (the caller has checked), valid until the result. */
  public Issued issue(ApiKey key, String game) {
    long expires = clock.getAsLong() + LIFETIME_MS;
    String payload =
        ENCODE.encodeToString(
            (game + "\n" + key.hash() + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    return new Issued(payload + "." + ENCODE.encodeToString(sign(payload)), expires);
  }

  /**
   * The token's key narrowed to its one game, if the token is genuine, unexpired and its key known.
   */
  public Optional<ApiKey> verify(String token) {
    if (token == null || token.length() > 1024) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    try {
      byte[] presented = DECODE.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(presented, sign(payload))) {
        return Optional.empty();
      }
      String[] parts = new String(DECODE.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 3 || Long.parseLong(parts[2]) < clock.getAsLong()) {
        return Optional.empty();
      }
      String game = parts[0];
      return keys.byHash(parts[1])
          .filter(k -> k.mayRead(game))
          .map(k -> new ApiKey(k.id(), k.hash(), Set.of(game)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] sign(String payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** A token and when it stops opening streams. */
  public record Issued(String token, long expiresAtMs) {}
}
