package dev.empath.llm.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.embedded.redis.ScriptKeys;
import dev.empath.llm.cache.ResponseCache;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The budget and admission scripts, run on a real Redis: each touches only its {@code KEYS}, all in
 * the game's hash slot, so they run unchanged on a Redis Cluster.
 */
class ScriptKeysIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final List<String> RATES = List.of("0.02", "40", "1", "120000", "10", "60000");

  ScriptKeys check() {
    URI uri = URI.create(redis.uri());
    return new ScriptKeys(uri.getHost(), uri.getPort());
  }

  static String budgetKey(String game) {
    return new String(BudgetBuckets.key(game), StandardCharsets.UTF_8);
  }

  @Test
  void takeAndLeaseTouchOnlyTheGamesBudget() {
    ScriptKeys.Report take =
        check().run(BudgetBuckets.TAKE.source(), List.of(budgetKey("g")), RATES);
    List<String> leaseArgs = new ArrayList<>(RATES);
    leaseArgs.addAll(List.of("1", "5", "100"));
    ScriptKeys.Report lease =
        check().run(BudgetBuckets.LEASE.source(), List.of(budgetKey("g")), leaseArgs);
    assertThat(List.of(take, lease))
        .allSatisfy(
            r -> {
              assertThat(r.commands()).anyMatch(c -> c.startsWith("HSET"));
              assertThat(r.clusterSafe()).as(r.toString()).isTrue();
            });
  }

  @Test
  void admissionReadsTheCacheAndTakesFromTheBudgetInTheGamesSlot() {
    String cacheKey = ResponseCache.PREFIX + "{g}:abc";
    ScriptKeys.Report miss =
        check()
            .run(CallAdmission.CACHED_OR_TAKE.source(), List.of(budgetKey("g"), cacheKey), RATES);
    assertThat(miss.commands()).anyMatch(c -> c.startsWith("GET " + cacheKey));
    assertThat(miss.commands()).anyMatch(c -> c.startsWith("HSET"));
    assertThat(miss.clusterSafe()).as(miss.toString()).isTrue();
  }
}
