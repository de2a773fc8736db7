package dev.empath.query.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of an API key: what the configuration holds instead of the key. */
public final class KeyHash {

  private KeyHash() {}

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code key}. */
  public static String sha256Hex(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }

  /** True for a 64-character hex string, the only accepted form of a configured key hash. */
  public static boolean isSha256Hex(String value) {
    return value != null && value.matches("[0-9a-fA-F]{64}");
  }
}
