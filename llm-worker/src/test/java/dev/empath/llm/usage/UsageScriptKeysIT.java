package dev.empath.llm.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.embedded.redis.ScriptKeys;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The usage ledger's script touches a game's usage hash and index only, in the game's slot. */
class UsageScriptKeysIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void aFlushTouchesOnlyTheHashAndTheIndexOfOneGame() {
    URI uri = URI.create(redis.uri());
    ScriptKeys.Report r =
        new ScriptKeys(uri.getHost(), uri.getPort())
            .run(
                UsageLedger.SCRIPT,
                List.of(UsageLedger.key("g", "openai", "m"), UsageLedger.index("g")),
                List.of("requests", "1", "tokens_in", "10"));
    assertThat(r.commands()).hasSize(3);
    assertThat(r.clusterSafe()).as(r.toString()).isTrue();
  }
}
