package dev.empath.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.query.config.ApiProperties;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamTokensTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final ApiKeys keys =
      new ApiKeys(
          new ApiProperties(
              Map.of(KeyHash.sha256Hex("k1"), "g1,g2", KeyHash.sha256Hex("k2"), "*"),
              null,
              null,
              10,
              10,
              null,
              1,
              0));
  private final StreamTokens tokens = new StreamTokens(keys, "shared-secret", now::get);

  private ApiKey key(String clear) {
    return keys.authenticate(clear).orElseThrow();
  }

  @Test
  void aTokenOpensOnlyItsOwnGameUntilItExpires() {
    String token = tokens.issue(key("k1"), "g1").token();
    assertThat(tokens.verify(token))
        .hasValueSatisfying(
            k -> {
              assertThat(k.mayRead("g1")).isTrue();
              assertThat(k.mayRead("g2")).as("narrowed to the token's game").isFalse();
            });
    now.addAndGet(StreamTokens.LIFETIME_MS + 1);
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  void anyChangedByteOrAnotherSecretIsRefused() {
    String token = tokens.issue(key("k2"), "g9").token();
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(tokens.verify(tampered)).isEmpty();
    assertThat(new StreamTokens(keys, "other-secret", now::get).verify(token)).isEmpty();
    assertThat(new StreamTokens(keys, "shared-secret", now::get).verify(token))
        .as("instances sharing the secret accept each other's tokens")
        .isPresent();
    for (String junk : new String[] {null, "", ".", "abc", "a.b.c", "%%%.%%%"}) {
      assertThat(tokens.verify(junk)).isEmpty();
    }
  }

  @Test
  void aTokenOfAKeyNoLongerConfiguredIsRefused() {
    String token = tokens.issue(key("k1"), "g1").token();
    ApiKeys without =
        new ApiKeys(
            new ApiProperties(
                Map.of(KeyHash.sha256Hex("k2"), "*"), null, null, 10, 10, null, 1, 0));
    assertThat(new StreamTokens(without, "shared-secret", now::get).verify(token)).isEmpty();
  }
}
