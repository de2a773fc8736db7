package dev.empath.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void keysAreMatchedByHashAndScopedToGames() {
    String hash = KeyHash.sha256Hex("secret");
    Map<String, ApiKey> keys =
        ApiKeys.parse(Map.of(hash.toUpperCase(java.util.Locale.ROOT), "g1, g2", "file", "x"));
    assertThat(keys).containsOnlyKeys(hash);
    ApiKey key = keys.get(hash);
    assertThat(key.mayRead("g1")).isTrue();
    assertThat(key.mayRead("g2")).isTrue();
    assertThat(key.mayRead("g3")).isFalse();
    assertThat(key.id()).isEqualTo(hash.substring(0, 8)).doesNotContain("secret");
  }

  @Test
  void scopesAreMatchedByHashWhateverTheCase() {
    String operator = KeyHash.sha256Hex("operator");
    String analyst = KeyHash.sha256Hex("analyst");
    Map<String, ApiKey> keys =
        ApiKeys.parse(
            Map.of(operator, "*", analyst, "g1"),
            Map.of(operator.toUpperCase(java.util.Locale.ROOT), "versions, other"));
    assertThat(keys.get(operator).hasScope(ApiKey.VERSIONS)).isTrue();
    assertThat(keys.get(operator).scopes()).containsExactlyInAnyOrder("versions", "other");
    assertThat(keys.get(analyst).hasScope(ApiKey.VERSIONS)).isFalse();
  }

  @Test
  void wildcardAllowsEveryGame() {
    ApiKey key = new ApiKey("id", "h", java.util.Set.of(ApiKey.ANY_GAME));
    assertThat(key.mayRead("anything")).isTrue();
  }

  @Test
  void gameIsTakenFromTheDecodedPath() {
    assertThat(ApiKeyFilter.gameOf("/v1/games/g1/usage")).isEqualTo("g1");
    assertThat(ApiKeyFilter.gameOf("/v1/games/g1")).isEqualTo("g1");
    assertThat(ApiKeyFilter.gameOf("/v1/bench/constant")).isNull();
  }

  @Test
  void sha256IsTheKnownDigest() {
    assertThat(KeyHash.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
