package dev.empath.llm.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.empath.llm.FakeProviders.CHAT;
import static dev.empath.llm.FakeProviders.MESSAGES;
import static dev.empath.llm.FakeProviders.answer;
import static dev.empath.llm.FakeProviders.malformed;
import static dev.empath.llm.FakeProviders.ok;
import static dev.empath.llm.FakeProviders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.llm.FakeProviders;
import dev.empath.llm.TestServices;
import dev.empath.llm.usage.UsageLedger;
import dev.empath.llm.worker.GenerationService;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * The provider chain against real local HTTP servers speaking the OpenAI and Anthropic formats,
 * told to fail in the ways real providers do, with a real Redis for cache, budgets and usage.
 */
class ProviderChainIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static WireMockServer primary;
  static WireMockServer secondary;

  @BeforeAll
  static void startServers() {
    primary = FakeProviders.start();
    secondary = FakeProviders.start();
  }

  @AfterAll
  static void stopServers() {
    primary.stop();
    secondary.stop();
  }

  @AfterEach
  void closeServices() {
    TestServices.closeAll();
  }

  @BeforeEach
  void resetServers() {
    primary.resetAll();
    secondary.resetAll();
  }

  private Map<String, String> twoProviders() {
    Map<String, String> c = TestServices.config(redis.uri());
    TestServices.openAi(c, "primary", primary.baseUrl());
    TestServices.openAi(c, "secondary", secondary.baseUrl());
    c.put("empath.llm.providers", "primary,secondary");
    c.put("empath.llm.price.gpt-test.input", "1.0");
    c.put("empath.llm.price.gpt-test.output", "2.0");
    return c;
  }

  @Test
  void retriesAServerErrorAndAccountsUsage() {
    primary.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody("boom"))
            .willSetStateTo("healthy"));
    primary.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("flaky")
            .whenScenarioStateIs("healthy")
            .willReturn(ok("Keep going, you are close.")));
    String game = redis.uniqueName("game-");
    GenerationService service = TestServices.service(twoProviders(), redis.client());

    GenerationResult result = service.handle(request(redis.uniqueName("r-"), game).build());

    assertThat(result.getStatus()).isEqualTo(GenerationStatus.GENERATION_STATUS_SUCCEEDED);
    assertThat(result.getProvider()).isEqualTo("primary");
    assertThat(result.getText()).isEqualTo("Keep going, you are close.");
    assertThat(result.getTokensIn()).isEqualTo(42);
    assertThat(result.getTokensOut()).isEqualTo(7);
    assertThat(result.getReason()).contains("primary server_error");
    primary.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    secondary.verify(0, postRequestedFor(urlEqualTo(CHAT)));
    // Usage is written behind the result, within one flush interval.
    UsageLedger ledger = new UsageLedger(redis.client());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(ledger.read(game, "primary", "gpt-test"))
                  .containsEntry("requests", "1")
                  .containsEntry("tokens_in", "42")
                  .containsEntry("tokens_out", "7")
                  .containsEntry("cost_micro_usd", "56");
              assertThat(ledger.read(game, "primary", "*")).containsEntry("errors", "1");
            });
  }

  @Test
  void metersUsageAndReportsItsOwnOverheadWithoutTheTimeSpentWaitingOnTheProvider()
      throws Exception {
    long providerNanos = TimeUnit.MILLISECONDS.toNanos(400);
    answer(primary, ok("In good time.").withFixedDelay(400));
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    GenerationService service = TestServices.service(twoProviders(), redis.client(), metrics);
    String game = redis.uniqueName("game-");

    GenerationResult result =
        service.submit(request(redis.uniqueName("r-"), game).build()).get(10, TimeUnit.SECONDS);

    assertThat(result.getProvider()).isEqualTo("primary");
    assertThat(
            metrics
                .get("empath.llm.requests")
                .tags("game", game, "provider", "primary", "model", "gpt-test", "cached", "false")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(metrics.get("empath.llm.overhead").timer().count()).isEqualTo(1);

    // The exact figure of one request, through a listener in place of the meter. Another game:
    // the cache is per game, so this request reaches the provider too.
    List<Long> overheads = new CopyOnWriteArrayList<>();
    service.reportOverheadTo(overheads::add);
    long start = System.nanoTime();
    service
        .submit(request(redis.uniqueName("r-"), redis.uniqueName("game-")).build())
        .get(10, TimeUnit.SECONDS);
    long totalNanos = System.nanoTime() - start;

    assertThat(totalNanos).isGreaterThanOrEqualTo(providerNanos);
    // Everything but the provider's 400 ms: what the worker itself added.
    assertThat(overheads)
        .singleElement()
        .satisfies(
            nanos ->
                assertThat(nanos).isPositive().isLessThanOrEqualTo(totalNanos - providerNanos));
  }

  @Test
  void honoursRetryAfterOnTooManyRequests() {
    primary.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("free"));
    primary.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("limited")
            .whenScenarioStateIs("free")
            .willReturn(ok("After the pause.")));
    GenerationService service = TestServices.service(twoProviders(), redis.client());

    long start = System.nanoTime();
    GenerationResult result =
        service.handle(request(redis.uniqueName("r-"), redis.uniqueName("g-")).build());
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.getProvider()).isEqualTo("primary");
    assertThat(result.getText()).isEqualTo("After the pause.");
    assertThat(result.getReason()).contains("rate_limited");
    assertThat(elapsedMs).as("waited the server's Retry-After of 1 s").isGreaterThanOrEqualTo(950);
    primary.verify(2, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void malformedJsonFallsBackToTheNextProviderWithoutRetrying() {
    answer(primary, malformed());
    answer(secondary, ok("From the backup."));
    GenerationService service = TestServices.service(twoProviders(), redis.client());

    GenerationResult result =
        service.handle(request(redis.uniqueName("r-"), redis.uniqueName("g-")).build());

    assertThat(result.getProvider()).isEqualTo("secondary");
    assertThat(result.getText()).isEqualTo("From the backup.");
    assertThat(result.getReason()).contains("primary malformed");
    primary.verify(1, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void aHangingProviderCannotOutliveTheDeadline() {
    primary.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("hang")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(ok("warm-up"))
            .willSetStateTo("hanging"));
    primary.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("hang")
            .whenScenarioStateIs("hanging")
            .willReturn(ok("too late").withFixedDelay(20_000)));
    answer(secondary, ok("also too late").withFixedDelay(20_000));
    GenerationService service = TestServices.service(twoProviders(), redis.client());
    // The first call in a JVM loads LangChain4j's classes (~0.3 s on a busy machine); a worker
    // pays that once at start, not per request.
    assertThat(service.handle(request(redis.uniqueName("r-"), "warm").build()).getText())
        .isEqualTo("warm-up");
    long now = System.currentTimeMillis();

    long start = System.nanoTime();
    GenerationResult result =
        service.handle(
            request(redis.uniqueName("r-"), redis.uniqueName("g-"))
                .setDeadlineMs(now + 800)
                .build());
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMs).as(result.toString()).isLessThan(2_000);
    assertThat(result.getStatus())
        .as(result.toString())
        .isEqualTo(GenerationStatus.GENERATION_STATUS_SUCCEEDED);
    assertThat(result.getProvider()).isEqualTo("offline");
    assertThat(result.getReason()).startsWith("deadline").contains("primary timeout");
    secondary.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void aRequestArrivingAfterItsDeadlineFailsWithTheReason() {
    GenerationService service = TestServices.service(twoProviders(), redis.client());
    long now = System.currentTimeMillis();

    GenerationResult result =
        service.handle(
            request(redis.uniqueName("r-"), redis.uniqueName("g-"))
                .setCreatedAtMs(now - 5_000)
                .setDeadlineMs(now - 1_000)
                .build());

    assertThat(result.getStatus()).isEqualTo(GenerationStatus.GENERATION_STATUS_FAILED);
    assertThat(result.getReason()).startsWith("deadline exceeded");
    assertThat(result.getText()).isEmpty();
    primary.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void breakerOpensOnFailuresAndClosesAfterSuccessfulProbes() {
    answer(primary, aResponse().withStatus(503));
    answer(secondary, ok("backup line"));
    Map<String, String> config = twoProviders();
    config.put("empath.llm.retry.max.attempts", "1");
    config.put("empath.llm.breaker.open.ms", "500");
    GenerationService service = TestServices.service(config, redis.client());
    String game = redis.uniqueName("g-");

    for (int i = 0; i < 4; i++) {
      assertThat(service.handle(request(redis.uniqueName("r-"), game).build()).getProvider())
          .isEqualTo("secondary");
    }
    GenerationResult refused = service.handle(request(redis.uniqueName("r-"), game).build());

    assertThat(refused.getProvider()).isEqualTo("secondary");
    assertThat(refused.getReason()).contains("primary breaker_open");
    primary.verify(4, postRequestedFor(urlEqualTo(CHAT)));

    answer(primary, ok("primary is back"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              List<String> providers = new ArrayList<>();
              for (int i = 0; i < 3; i++) {
                providers.add(
                    service.handle(request(redis.uniqueName("r-"), game).build()).getProvider());
              }
              assertThat(providers).containsExactly("primary", "primary", "primary");
            });
  }

  @Test
  void aCacheHitMakesNoUpstreamCall() {
    answer(primary, ok("Cached wisdom."));
    GenerationService service = TestServices.service(twoProviders(), redis.client());
    String game = redis.uniqueName("g-");
    String text = "same words " + redis.uniqueName("t-");

    GenerationResult first =
        service.handle(request(redis.uniqueName("r-"), game).setPlayerText(text).build());
    // The entry is written behind the result, in the same flush as (and before) its usage.
    UsageLedger ledger = new UsageLedger(redis.client());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ledger.read(game, "primary", "gpt-test").containsKey("requests"));
    GenerationResult second =
        service.handle(request(redis.uniqueName("r-"), game).setPlayerText(text).build());

    assertThat(first.getCached()).isFalse();
    assertThat(second.getCached()).isTrue();
    assertThat(second.getText()).isEqualTo("Cached wisdom.");
    assertThat(second.getProvider()).isEqualTo("primary");
    assertThat(second.getCostUsd()).isZero();
    primary.verify(1, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void speaksAnthropicMessages() {
    primary.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(FakeProviders.anthropicBody("Claude says hi."))));
    Map<String, String> c = TestServices.config(redis.uri());
    c.put("empath.llm.providers", "claude");
    c.put("empath.llm.provider.claude.type", "anthropic");
    c.put("empath.llm.provider.claude.url", primary.baseUrl() + "/v1");
    c.put("empath.llm.provider.claude.model", "claude-test");
    GenerationService service = TestServices.service(c, redis.client());

    GenerationResult result =
        service.handle(request(redis.uniqueName("r-"), redis.uniqueName("g-")).build());

    assertThat(result.getProvider()).isEqualTo("claude");
    assertThat(result.getText()).isEqualTo("Claude says hi.");
    assertThat(result.getTokensIn()).isEqualTo(30);
    assertThat(result.getTokensOut()).isEqualTo(5);
    primary.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withHeader("x-api-key", equalTo("sk-test"))
            .withRequestBody(containing("<player_text>")));
  }

  @Test
  void theTokenBudgetIsChargedWhatTheProviderReportedNotTheEstimate() {
    answer(primary, ok("paid line")); // reports 42 tokens in and 7 out
    Map<String, String> config = twoProviders();
    config.put("empath.llm.budget.token.burst", "10000");
    config.put("empath.llm.budget.tokens.per.minute", "0.0001"); // no refill to speak of
    String game = redis.uniqueName("g-");
    String budgetKey = "empath:llm:budget:{" + game + "}";
    RedisClient client = redis.client();
    try (GenerationService service = TestServices.service(config, client)) {
      assertThat(service.handle(request(redis.uniqueName("r-"), game).build()).getProvider())
          .isEqualTo("primary");
      // Before the call the upper bound was taken: prompt size / 4 + every output token allowed.
      double estimate = 10_000 - Double.parseDouble(client.hget(budgetKey, "t"));
      assertThat(estimate).isGreaterThan(49);
      // Behind the result, what was reserved but not used goes back.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(Double.parseDouble(client.hget(budgetKey, "rf")))
                      .isEqualTo(estimate - 49));

      assertThat(service.handle(request(redis.uniqueName("r-"), game).build()).getProvider())
          .isEqualTo("primary");

      // The second take added the refund: the first request cost its 49 tokens, the second its
      // estimate (its own refund is still to come).
      assertThat(Double.parseDouble(client.hget(budgetKey, "t")))
          .isCloseTo(10_000 - 49 - estimate, org.assertj.core.data.Offset.offset(0.01));
    }
  }

  @Test
  void newPromptsTakeNothingFromRedisOnceTheKeyIndexIsCompleteAndALeaseIsHeld() {
    answer(primary, ok("fresh line"));
    Map<String, String> config = twoProviders();
    config.put("empath.llm.budget.requests.per.second", "10");
    config.put("empath.llm.budget.request.burst", "400");
    // Chunks: 100 requests (400 / 4), 30,000 tokens (120,000 / 4), each request ~300 of them.
    config.put("empath.llm.budget.lease.ms", "100000");
    String game = redis.uniqueName("g-");
    String budgetKey = "empath:llm:budget:{" + game + "}";
    RedisClient client = redis.client();
    try (GenerationService service = TestServices.service(config, client)) {
      // The first requests may read Redis while the index scans; once it is complete, one take
      // leases the request and a chunk, and later new prompts leave the shared buckets untouched.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(freshPrompt(service, game).getProvider()).isEqualTo("primary");
                // Every take rewrites the request bucket and its time; token refunds do not.
                List<String> leased = client.hmget(budgetKey, "r", "ts");
                assertThat(freshPrompt(service, game).getProvider()).isEqualTo("primary");
                assertThat(freshPrompt(service, game).getProvider()).isEqualTo("primary");
                assertThat(client.hmget(budgetKey, "r", "ts")).isEqualTo(leased);
              });
    }
  }

  private static GenerationResult freshPrompt(GenerationService service, String game) {
    return service.handle(
        request(redis.uniqueName("r-"), game)
            .setPlayerText("new words " + redis.uniqueName("t-"))
            .build());
  }

  @Test
  void aGameBudgetIsSharedByTwoInstances() {
    answer(primary, ok("paid line"));
    Map<String, String> config = twoProviders();
    config.put("empath.llm.budget.request.burst", "3");
    config.put("empath.llm.budget.requests.per.second", "0.0001");
    String game = redis.uniqueName("g-");
    try (RedisClient a = redis.newClient();
        RedisClient b = redis.newClient();
        GenerationService first = TestServices.service(config, a);
        GenerationService second = TestServices.service(config, b)) {

      List<GenerationResult> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(first.handle(request(redis.uniqueName("r-"), game).build()));
        results.add(second.handle(request(redis.uniqueName("r-"), game).build()));
      }

      assertThat(results).filteredOn(r -> r.getProvider().equals("primary")).hasSize(3);
      assertThat(results)
          .filteredOn(r -> r.getProvider().equals("offline"))
          .hasSize(5)
          .allSatisfy(r -> assertThat(r.getReason()).startsWith("budget: request rate limit"))
          .allSatisfy(r -> assertThat(r.getText()).isNotBlank());
      primary.verify(3, postRequestedFor(urlEqualTo(CHAT)));
    }
  }
}
