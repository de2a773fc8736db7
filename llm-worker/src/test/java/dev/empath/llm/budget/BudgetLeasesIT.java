package dev.empath.llm.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Leases of the game budget against a real Redis, one or two replicas sharing it. */
class BudgetLeasesIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  /** Long enough that no lease expires during a test unless it is meant to. */
  private static final Duration LONG = Duration.ofSeconds(100_000);

  private static final Duration NEVER = Duration.ofHours(1);

  /** Requests: burst 4000, refill 0.001/s; tokens: burst 1,000,000, refill 0.1/s. */
  private static final BudgetSettings GENEROUS = new BudgetSettings(0.001, 4000, 6, 1_000_000);

  private final RedisClient client = redis.client();

  private static String budgetKey(String game) {
    return BudgetBuckets.PREFIX + "{" + game + "}";
  }

  private double field(String game, String field) {
    return Double.parseDouble(client.hget(budgetKey(game), field));
  }

  @Test
  void manyTakesCostOneScriptCallPerChunkAndTheBucketIsChargedByTheChunk() {
    String game = redis.uniqueName("g-");
    BudgetBuckets budget = new BudgetBuckets(client, GENEROUS);
    BudgetLeases leases = new BudgetLeases(budget, new BudgetRefunds(budget), LONG);
    assertThat(leases.chunk()).isEqualTo(new BudgetLeases.Chunk(100, 10_000));

    assertThat(leases.tryTake(game, 10)).isEqualTo(BudgetDecision.ALLOWED);
    // The request's own need plus a chunk.
    assertThat(leases.redisCalls()).isEqualTo(1);
    assertThat(field(game, "r")).isCloseTo(4000 - 101, within(0.05));
    assertThat(field(game, "t")).isCloseTo(1_000_000 - 10_010, within(2.0));

    for (int i = 0; i < 100; i++) {
      assertThat(leases.tryTake(game, 10)).isEqualTo(BudgetDecision.ALLOWED);
    }
    assertThat(leases.redisCalls()).isEqualTo(1);
    assertThat(field(game, "r")).isCloseTo(4000 - 101, within(0.05));

    for (int i = 0; i < 909; i++) {
      assertThat(leases.tryTake(game, 10)).isEqualTo(BudgetDecision.ALLOWED);
    }
    // 1010 requests, 101 a call; the lease's tokens were topped up to a chunk on each.
    assertThat(leases.redisCalls()).isEqualTo(10);
    assertThat(field(game, "r")).isCloseTo(4000 - 1010, within(0.05));
    assertThat(field(game, "t")).isCloseTo(1_000_000 - 10_100 - 9_000, within(2.0));
  }

  @Test
  void aTightBudgetSharedByTwoReplicasAllowsExactlyItsBurst() {
    BudgetSettings tight = new BudgetSettings(0.0001, 3, 60_000, 120_000);
    String game = redis.uniqueName("g-");
    try (RedisClient a = redis.newClient();
        RedisClient b = redis.newClient()) {
      BudgetBuckets budgetA = new BudgetBuckets(a, tight);
      BudgetBuckets budgetB = new BudgetBuckets(b, tight);
      BudgetLeases first =
          new BudgetLeases(budgetA, new BudgetRefunds(budgetA), Duration.ofSeconds(1));
      BudgetLeases second =
          new BudgetLeases(budgetB, new BudgetRefunds(budgetB), Duration.ofSeconds(1));
      assertThat(first.chunk().requests()).isZero();

      List<BudgetDecision> decisions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        decisions.add(first.tryTake(game, 100));
        decisions.add(second.tryTake(game, 100));
      }

      assertThat(decisions).filteredOn(BudgetDecision::allowed).hasSize(3);
      assertThat(decisions)
          .filteredOn(d -> !d.allowed())
          .hasSize(5)
          .allSatisfy(
              d -> assertThat(d.reason()).isEqualTo("budget: request rate limit of game " + game));
      assertThat(field(game, "r")).isLessThan(1);
    }
  }

  @Test
  void runningOutOfTokensGivesTheTokenReasonAndTheLeaseStillServesWhatItHolds() {
    // Tokens: burst 1000, refill 0.001/s, a chunk of 100.
    BudgetSettings settings = new BudgetSettings(1, 100, 0.06, 1000);
    String game = redis.uniqueName("g-");
    BudgetBuckets budget = new BudgetBuckets(client, settings);
    BudgetLeases leases = new BudgetLeases(budget, new BudgetRefunds(budget), LONG);
    assertThat(leases.chunk()).isEqualTo(new BudgetLeases.Chunk(25, 100));

    for (int i = 0; i < 3; i++) {
      assertThat(leases.tryTake(game, 300)).isEqualTo(BudgetDecision.ALLOWED);
    }
    // 900 used, 100 leased: the bucket is empty.
    assertThat(field(game, "t")).isCloseTo(0, within(0.5));
    BudgetDecision refused = leases.tryTake(game, 300);

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.reason()).isEqualTo("budget: token budget of game " + game + " exhausted");
    long calls = leases.redisCalls();
    assertThat(leases.tryTake(game, 50)).isEqualTo(BudgetDecision.ALLOWED);
    assertThat(leases.tryTake(game, 50)).isEqualTo(BudgetDecision.ALLOWED);
    assertThat(leases.redisCalls()).isEqualTo(calls);
    assertThat(leases.tryTake(game, 50).reason()).contains("token budget");
  }

  @Test
  void closeGivesBackWhatWasNotUsed() {
    String game = redis.uniqueName("g-");
    BudgetBuckets budget = new BudgetBuckets(client, GENEROUS);
    BudgetLeases leases = new BudgetLeases(budget, new BudgetRefunds(budget), LONG);
    try (WriteBehind deferred = new WriteBehind(client, List.of(leases), NEVER)) {
      for (int i = 0; i < 6; i++) {
        assertThat(leases.tryTake(game, 10)).isEqualTo(BudgetDecision.ALLOWED);
      }
      assertThat(field(game, "r")).isCloseTo(4000 - 101, within(0.05));

      leases.close();
      deferred.flush();

      assertThat(field(game, "rr")).isEqualTo(95);
      assertThat(field(game, "rf")).isEqualTo(10_000 - 50);
      // Closed: the next take applies the give-backs and takes just its need, nothing ahead.
      assertThat(leases.tryTake(game, 10)).isEqualTo(BudgetDecision.ALLOWED);
      assertThat(field(game, "r")).isCloseTo(4000 - 7, within(0.05));
      assertThat(field(game, "t")).isCloseTo(1_000_000 - 70, within(2.0));
      assertThat(field(game, "rr")).isZero();
      assertThat(leases.holdsWrites()).isFalse();
    }
  }

  @Test
  void aLeaseInUseIsToppedUpAheadSoRequestsKeepTakingLocally() {
    String game = redis.uniqueName("g-");
    BudgetBuckets budget =
        new BudgetBuckets(client, new BudgetSettings(1000, 4000, 6_000_000, 1e6));
    BudgetLeases leases =
        new BudgetLeases(budget, new BudgetRefunds(budget), Duration.ofMillis(400));
    assertThat(leases.chunk()).isEqualTo(new BudgetLeases.Chunk(400, 40_000));
    for (int i = 0; i < 300; i++) {
      assertThat(leases.tryTake(game, 10)).isEqualTo(BudgetDecision.ALLOWED);
    }
    assertThat(leases.redisCalls()).isEqualTo(1); // 100 requests left of the chunk

    // Half way through its period, the renewal pass tops the used lease up to a chunk again.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              leases.renewAhead();
              return leases.redisCalls() == 2;
            });

    for (int i = 0; i < 400; i++) {
      assertThat(leases.tryTake(game, 10)).isEqualTo(BudgetDecision.ALLOWED);
    }
    assertThat(leases.redisCalls()).isEqualTo(2); // all 400 from the renewed lease
    leases.close();
  }

  @Test
  void anExpiredLeaseOfAnIdleGameGoesBackButNeverBeyondTheBurst() {
    // Fast refill: by the time the lease expires, the buckets are full again.
    BudgetSettings settings = new BudgetSettings(100, 40, 60_000, 120_000);
    String game = redis.uniqueName("g-");
    BudgetBuckets budget = new BudgetBuckets(client, settings);
    BudgetLeases leases =
        new BudgetLeases(budget, new BudgetRefunds(budget), Duration.ofMillis(200));
    assertThat(leases.chunk()).isEqualTo(new BudgetLeases.Chunk(10, 200));
    try (WriteBehind deferred = new WriteBehind(client, List.of(leases), Duration.ofMillis(50))) {
      assertThat(leases.tryTake(game, 100)).isEqualTo(BudgetDecision.ALLOWED);
      assertThat(field(game, "r")).isCloseTo(40 - 11, within(0.5));

      // No more requests of the game: the flushes' sweep finds the lease expired.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(client.hget(budgetKey(game), "rr")).isEqualTo("10"));
      assertThat(field(game, "rf")).isEqualTo(200);

      assertThat(budget.tryAcquire(game, 0)).isEqualTo(BudgetDecision.ALLOWED);
      assertThat(field(game, "r")).isEqualTo(39);
      assertThat(field(game, "t")).isEqualTo(120_000);
    }
  }

  @Test
  void concurrentTakesOfTwoReplicasNeverOverspend() throws Exception {
    // 1000 requests, refill ~0: however the chunks fall, at most 1000 are allowed, and what a
    // replica still holds when the takes stop goes back on close: none is lost.
    BudgetSettings settings = new BudgetSettings(0.001, 1000, 60_000, 1_000_000);
    String game = redis.uniqueName("g-");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (RedisClient a = redis.newClient();
        RedisClient b = redis.newClient()) {
      BudgetBuckets budgetA = new BudgetBuckets(a, settings);
      BudgetBuckets budgetB = new BudgetBuckets(b, settings);
      List<BudgetLeases> replicas =
          List.of(
              new BudgetLeases(budgetA, new BudgetRefunds(budgetA), LONG),
              new BudgetLeases(budgetB, new BudgetRefunds(budgetB), LONG));
      List<Future<Integer>> allowed = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        BudgetLeases leases = replicas.get(t % 2);
        allowed.add(
            threads.submit(
                () -> {
                  int n = 0;
                  for (int i = 0; i < 400; i++) {
                    n += leases.tryTake(game, 10).allowed() ? 1 : 0;
                  }
                  return n;
                }));
      }
      int total = 0;
      for (Future<Integer> f : allowed) {
        total += f.get();
      }

      assertThat(total).isLessThanOrEqualTo(1000);
      assertThat(field(game, "r")).isLessThan(1);
      assertThat(replicas.get(0).redisCalls() + replicas.get(1).redisCalls()).isLessThan(1600);

      replicas.forEach(BudgetLeases::close);
      new WriteBehind(a, List.<WriteBehindSource>copyOf(replicas), NEVER).close(); // one flush
      String givenBack = client.hget(budgetKey(game), "rr");
      double held = givenBack == null ? 0 : Double.parseDouble(givenBack);
      assertThat(total + held + field(game, "r")).isCloseTo(1000, within(0.5));
    } finally {
      threads.shutdownNow();
    }
  }
}
