package dev.empath.llm.worker;

import dev.empath.llm.budget.BudgetDecision;
import dev.empath.llm.budget.CallAdmission;
import dev.empath.llm.budget.WriteBehind;
import dev.empath.llm.cache.ResponseCache;
import dev.empath.llm.memory.Memory;
import dev.empath.llm.memory.MemorySource;
import dev.empath.llm.prompt.CharacterCards;
import dev.empath.llm.prompt.PromptBuilder;
import dev.empath.llm.provider.Completion;
import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.provider.Prompt;
import dev.empath.llm.provider.ProviderWait;
import dev.empath.llm.resilience.ChainOutcome;
import dev.empath.llm.resilience.ResilientChain;
import dev.empath.llm.routing.ProviderRouter;
import dev.empath.llm.usage.PriceTable;
import dev.empath.llm.usage.UsageLedger;
import dev.empath.llm.usage.UsageRecorder;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one generation request into its one result: prompt assembly, cache, per-game budget,
 * provider chain with retries and breakers, usage accounting. Knows nothing of Kafka.
 *
 * <p>Concurrency is bounded by a semaphore in front of the executor: {@link #submit} blocks the
 * caller when {@code maxInFlight} requests are running, so a slow provider slows intake instead of
 * piling up requests in memory.
 *
 * <p>Redis is asked at most twice on the way to a provider, and usually not at all: the memories,
 * which the worker usually holds already ({@code TrackedMemories}), then cache and budget, which
 * {@link CallAdmission} usually decides locally and otherwise in one script. Never after the call:
 * the cache entry and the usage figures are written behind the result by {@link WriteBehind}.
 */
public final class GenerationService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GenerationService.class);

  private final ProviderRouter router;
  private final ResilientChain chain;
  private final PromptBuilder prompts;
  private final CharacterCards cards;
  private final MemorySource memories;
  private final CallAdmission admission;
  private final ResponseCache cache;
  private final UsageRecorder usage;
  private final WriteBehind deferred;
  private final PriceTable prices;
  private final Clock clock;
  private final Duration defaultDeadline;
  private final int memoryLimit;
  private final ExecutorService executor;
  private final Semaphore inFlight;
  private volatile LongConsumer overheadListener = nanos -> {};

  public GenerationService(
      ProviderRouter router,
      ResilientChain chain,
      PromptBuilder prompts,
      CharacterCards cards,
      MemorySource memories,
      CallAdmission admission,
      ResponseCache cache,
      UsageRecorder usage,
      WriteBehind deferred,
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
    this.admission = admission;
    this.cache = cache;
    this.usage = usage;
    this.deferred = deferred;
    this.prices = prices;
    this.clock = clock;
    this.defaultDeadline = defaultDeadline;
    this.memoryLimit = memoryLimit;
    this.executor = executor;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /**
   * Receives, for every request {@link #submit submitted}, the nanoseconds the worker itself added:
   * from the moment a slot was free to the result, minus the time spent waiting on providers
   * ({@link ProviderWait}). One listener; it runs on the request's thread and must be quick.
   */
  public void reportOverheadTo(LongConsumer listener) {
    this.overheadListener = listener;
  }

  /** Runs {@link #handle} on the executor once a slot is free; blocks while none is. */
  public CompletableFuture<GenerationResult> submit(GenerationRequest request)
      throws InterruptedException {
    inFlight.acquire();
    long admitted = System.nanoTime();
    try {
      return CompletableFuture.supplyAsync(() -> timedHandle(request, admitted), executor)
          .whenComplete((r, e) -> inFlight.release());
    } catch (RuntimeException rejected) {
      inFlight.release();
      throw rejected;
    }
  }

  private GenerationResult timedHandle(GenerationRequest request, long admitted) {
    ProviderWait.take(); // this thread's account from earlier work is not this request's
    GenerationResult result = handle(request);
    overheadListener.accept(System.nanoTime() - admitted - ProviderWait.take());
    return result;
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

    String cacheKey = remote ? ResponseCache.key(request.getGameId(), prompt) : null;
    int estimate = estimatedTokens(prompt);
    if (remote) {
      CallAdmission.Verdict verdict = admit(request, cacheKey, estimate);
      if (verdict instanceof CallAdmission.Cached hit) {
        return finish(
            request,
            startMs,
            deadlineMs,
            hit.entry().completion(),
            hit.entry().provider(),
            true,
            "",
            List.of());
      }
      BudgetDecision decision = ((CallAdmission.Budgeted) verdict).decision();
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
      cache.putLater(cacheKey, new ResponseCache.Entry(outcome.completion(), outcome.provider()));
      Completion used = outcome.completion();
      if (outcome.failures().isEmpty() && used.tokensIn() + used.tokensOut() > 0) {
        // Charge what the provider reported, not the estimate. Without a report, or after failed
        // attempts (which may have cost tokens too), the estimate stays charged: the safe side.
        admission.settle(request.getGameId(), estimate, used.tokensIn() + used.tokensOut());
      }
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

  /**
   * An upper bound of a call's tokens: ~4 characters per token for the prompt, plus every output
   * token allowed. Reserved from the budget before the call, settled after it.
   */
  private static int estimatedTokens(Prompt prompt) {
    return (prompt.system().length() + prompt.user().length()) / 4 + prompt.maxTokens();
  }

  private CallAdmission.Verdict admit(GenerationRequest request, String cacheKey, int estimate) {
    try {
      return admission.check(request.getGameId(), cacheKey, estimate);
    } catch (RuntimeException e) {
      // Without the shared budget no replica can know the spend: stay offline, never overspend.
      return new CallAdmission.Budgeted(
          new BudgetDecision(false, "budget: unavailable (" + e.getClass().getSimpleName() + ")"));
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

  /**
   * Gives back leased budgets, sends the cache entries and usage figures still held, and lets go of
   * the memories' cache and the cache's key index.
   */
  @Override
  public void close() {
    admission.close(); // first: what it gives back of leased budgets is a deferred write
    deferred.close();
    try {
      memories.close();
    } catch (Exception e) {
      log.warn("closing the memory source failed: {}", e.toString());
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
