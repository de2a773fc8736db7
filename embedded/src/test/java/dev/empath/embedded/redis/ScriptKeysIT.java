package dev.empath.embedded.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScriptKeysIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  ScriptKeys check() {
    java.net.URI uri = java.net.URI.create(redis.uri());
    return new ScriptKeys(uri.getHost(), uri.getPort());
  }

  @Test
  void aScriptThatTouchesOnlyItsKeysInOneSlotIsClusterSafe() {
    ScriptKeys.Report r =
        check()
            .run(
                "redis.call('SET', KEYS[1], ARGV[1]) redis.call('HINCRBY', KEYS[2], 'n', 1)",
                List.of("{a}:x", "{a}:y"),
                List.of("v"));
    assertThat(r.commands()).containsExactly("SET {a}:x v", "HINCRBY {a}:y n 1");
    assertThat(r.clusterSafe()).isTrue();
  }

  @Test
  void aKeyBuiltInsideTheScriptIsFound() {
    ScriptKeys.Report r =
        check()
            .run("redis.call('SET', KEYS[1] .. ':copy', ARGV[1])", List.of("{a}:x"), List.of("v"));
    assertThat(r.undeclared()).containsExactly("{a}:x:copy");
    assertThat(r.clusterSafe()).isFalse();
  }

  @Test
  void keysInTwoSlotsAreNotClusterSafe() {
    ScriptKeys.Report r =
        check()
            .run(
                "redis.call('GET', KEYS[1]) return redis.call('GET', KEYS[2])",
                List.of("{a}:x", "{b}:x"),
                List.of());
    assertThat(r.undeclared()).isEmpty();
    assertThat(r.slots()).hasSize(2);
    assertThat(r.clusterSafe()).isFalse();
  }

  @Test
  void quotedArgumentsAreReadBack() {
    assertThat(ScriptKeys.parse("\"SET\" \"k \\\"1\\\"\" \"a\\x00b\\\\\""))
        .containsExactly("SET", "k \"1\"", "a\u0000b\\");
  }
}
