package dev.empath.llm.worker;

import dev.empath.llm.cache.ResponseCache;
import dev.empath.llm.limits.BudgetDecision;
import dev.empath.llm.limits.GameBudget;
import dev.empath.llm.memory.Memory;
import dev.empath.llm.memory.MemorySource;
import dev.empath.llm.prompt.CharacterCards;
import dev.empath.llm.prompt.PromptBuilder;
import dev.empath.llm.provider.Completion;
import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.provider.Prompt;
import dev.empath.llm.resilience.ChainOutcome;
import dev.empath.llm.resilience.ResilientChain;
import dev.empath.llm.routing.ProviderRouter;
import dev.empath.llm.usage.PriceTable;
import dev.empath.llm.usage.UsageLedger;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one generation request into its one result: prompt assembly, cache, per-game budget,
 * provider chain with retries and breakers, usage accounting. Knows nothing of Kafka.
 *
 * <p>Concurrency is bounded by a semaphore in front of the executor: {@link #submit} blocks the
 * caller when {@code maxInFlight} requests are running, so a slow provider slows intake instead of
 * piling up requests in memory.
 */
public final class GenerationService {

  private static final Logger log = LoggerFactory.getLogger(GenerationService.class);

  private final ProviderRouter router;
  private final ResilientChain chain;
  private final PromptBuilder prompts;
  private final CharacterCards cards;
  private final MemorySource memories;
  private final ResponseCache cache;
  private final GameBudget budget;
  private final UsageLedger usage;
  private final PriceTable prices;
  private final Clock clock;
  private final Duration defaultDeadline;
  private final int memoryLimit;
  private final ExecutorService executor;
  private final Semaphore inFlight;

  public GenerationService(
      ProviderRouter router,
      ResilientChain chain,
      PromptBuilder prompts,
      CharacterCards cards,
      MemorySource memories,
      ResponseCache cache,
      GameBudget budget,
      UsageLedger usage,
      PriceTable prices,
      Clock clock,
      Duration defaultDeadline,
      int memoryLimit,
      ExecutorService executor,
      int maxInFlight) {
    this.router = router;
    this.chain = chain;
    this.prompts = prompts;
    this.cards = cards;
    this.memories = memories;
    this.cache = cache;
    this.budget = budget;
    this.usage = usage;
    this.prices = prices;
    this.clock = clock;
    this.defaultDeadline = defaultDeadline;
    this.memoryLimit = memoryLimit;
    this.executor = executor;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /** Runs {@link #handle} on the executor once a slot is free; blocks while none is. */
  public CompletableFuture<GenerationResult> submit(GenerationRequest request)
      throws InterruptedException {
    inFlight.acquire();
    try {
      return CompletableFuture.supplyAsync(() -> handle(request), executor)
          .whenComplete((r, e) -> inFlight.release());
    } catch (RuntimeException rejected) {
      inFlight.release();
      throw rejected;
    }
  }

  /** The result for {@code request}; never throws for a provider's or Redis's failure. */
  public GenerationResult handle(GenerationRequest request) {
    long startMs = clock.millis();
    long deadlineMs =
        request.getDeadlineMs() > 0
            ? request.getDeadlineMs()
            : startMs + defaultDeadline.toMillis();
    if (startMs >= deadlineMs) {
      return failed(
          request,
          startMs,
          "deadline exceeded: arrived " + (startMs - deadlineMs) + " ms after its deadline");
    }
    Prompt prompt =
        prompts.build(request, cards.get(request.getCharacterId()), memoriesFor(request));
    List<GenerationProvider> providers = router.chainFor(request.getPurpose(), request.getModel());
    boolean remote = !providers.get(0).local();

    String cacheKey = remote ? ResponseCache.key(prompt) : null;
    Optional<ResponseCache.Entry> hit = remote ? cacheGet(cacheKey) : Optional.empty();
    if (hit.isPresent()) {
      return finish(
          request,
          startMs,
          deadlineMs,
          hit.get().completion(),
          hit.get().provider(),
          true,
          "",
          List.of());
    }
    if (remote) {
      BudgetDecision decision = acquire(request, prompt);
      if (!decision.allowed()) {
        Completion offline = router.offline().complete(prompt, Duration.ZERO);
        return finish(
            request,
            startMs,
            deadlineMs,
            offline,
            router.offline().name(),
            false,
            decision.reason(),
            List.of());
      }
    }
    ChainOutcome outcome = chain.call(providers, prompt, deadlineMs);
    if (remote && !outcome.provider().equals(router.offline().name())) {
      cachePut(cacheKey, new ResponseCache.Entry(outcome.completion(), outcome.provider()));
    }
    return finish(
        request,
        startMs,
        deadlineMs,
        outcome.completion(),
        outcome.provider(),
        false,
        outcome.reason(),
        outcome.failures());
  }

  private List<Memory> memoriesFor(GenerationRequest r) {
    if (r.getCharacterId().isBlank() || r.getPlayerId().isBlank()) {
      return List.of();
    }
    try {
      return memories.top(
          r.getGameId(), r.getCharacterId(), r.getPlayerId(), r.getPlayerText(), memoryLimit);
    } catch (RuntimeException e) {
      // A line without memories beats no line: the read model is an enhancement, not a need.
      log.warn("memories of {} unavailable: {}", r.getCharacterId(), e.toString());
      return List.of();
    }
  }

  private Optional<ResponseCache.Entry> cacheGet(String key) {
    try {
      return cache.get(key);
    } catch (RuntimeException e) {
      log.warn("cache read failed, treating as a miss: {}", e.toString());
      return Optional.empty();
    }
  }

  private void cachePut(String key, ResponseCache.Entry entry) {
    try {
      cache.put(key, entry);
    } catch (RuntimeException e) {
      log.warn("cache write failed: {}", e.toString());
    }
  }

  private BudgetDecision acquire(GenerationRequest request, Prompt prompt) {
    // Upper bound: ~4 characters per token for the prompt, plus every output token allowed.
    int estimate = (prompt.system().length() + prompt.user().length()) / 4 + prompt.maxTokens();
    try {
      return budget.tryAcquire(request.getGameId(), estimate);
    } catch (RuntimeException e) {
      // Without the shared budget no replica can know the spend: stay offline, never overspend.
      return new BudgetDecision(
          false, "budget: unavailable (" + e.getClass().getSimpleName() + ")");
    }
  }

  private GenerationResult finish(
      GenerationRequest request,
      long startMs,
      long deadlineMs,
      Completion completion,
      String provider,
      boolean cached,
      String reason,
      List<ChainOutcome.Attempt> failures) {
    long now = clock.millis();
    long latency = now - startMs;
    double cost =
        cached
            ? 0
            : prices.costUsd(completion.model(), completion.tokensIn(), completion.tokensOut());
    record(request, provider, completion, cached, latency, cost, failures);
    if (now > deadlineMs) {
      return failed(
          request, startMs, "deadline exceeded: answered " + (now - deadlineMs) + " ms late");
    }
    return base(request, now)
        .setStatus(GenerationStatus.GENERATION_STATUS_SUCCEEDED)
        .setText(Texts.clean(completion.text(), Texts.MAX_TEXT))
        .setProvider(provider)
        .setModel(completion.model())
        .setTokensIn(completion.tokensIn())
        .setTokensOut(completion.tokensOut())
        .setLatencyMs(latency)
        .setCached(cached)
        .setCostUsd(cost)
        .setReason(Texts.clean(reason, Texts.MAX_REASON))
        .build();
  }

  private void record(
      GenerationRequest request,
      String provider,
      Completion c,
      boolean cached,
      long latency,
      double cost,
      List<ChainOutcome.Attempt> failures) {
    try {
      usage.record(
          new UsageLedger.Entry(
              request.getGameId(),
              provider,
              c.model(),
              cached,
              cached ? 0 : c.tokensIn(),
              cached ? 0 : c.tokensOut(),
              latency,
              cost,
              failures.stream()
                  .map(f -> new UsageLedger.ProviderError(f.provider(), "*"))
                  .toList()));
    } catch (RuntimeException e) {
      log.warn("usage accounting failed for {}: {}", request.getRequestId(), e.toString());
    }
  }

  private GenerationResult failed(GenerationRequest request, long startMs, String reason) {
    long now = clock.millis();
    return base(request, now)
        .setStatus(GenerationStatus.GENERATION_STATUS_FAILED)
        .setReason(Texts.clean(reason, Texts.MAX_REASON))
        .setLatencyMs(now - startMs)
        .build();
  }

  private static GenerationResult.Builder base(GenerationRequest r, long now) {
    return GenerationResult.newBuilder()
        .setRequestId(r.getRequestId())
        .setGameId(r.getGameId())
        .setSessionId(r.getSessionId())
        .setPlayerId(r.getPlayerId())
        .setCharacterId(r.getCharacterId())
        .setPurpose(r.getPurpose())
        .setTone(r.getTone())
        .setCompletedAtMs(now);
  }
}
