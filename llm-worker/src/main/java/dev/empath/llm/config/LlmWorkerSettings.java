package dev.empath.llm.config;

import dev.empath.llm.budget.BudgetSettings;
import dev.empath.llm.provider.ChatModelProvider;
import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.resilience.ResilienceSettings;
import dev.empath.llm.routing.Routes;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.GenerationPurpose;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reads the worker's configuration keys (documented in the module README). */
public final class LlmWorkerSettings {

  static final String P = "empath.llm.";

  private final EmpathConfig config;

  public LlmWorkerSettings(EmpathConfig config) {
    this.config = config;
  }

  public EmpathConfig config() {
    return config;
  }

  public int maxInFlight() {
    return config.getInt(P + "max.in.flight", 512);
  }

  public Duration defaultDeadline() {
    return Duration.ofMillis(config.getLong(P + "default.deadline.ms", 10_000));
  }

  public Duration cacheTtl() {
    return Duration.ofSeconds(config.getLong(P + "cache.ttl.seconds", 3600));
  }

  /**
   * How many response-cache keys the worker's index of existing keys ({@code CacheKeyIndex}) is
   * sized for, per cache TTL: ~1.2 bytes each, twice (two generations). More keys than this only
   * make the index answer "may exist" more often (a Redis read each). 0 turns the index off: every
   * request to a remote provider reads the cache in Redis.
   */
  public long cacheIndexKeys() {
    return config.getLong(P + "cache.index.keys", 1_000_000);
  }

  /**
   * How long a share of a game's budget taken by this worker may be spent locally before what is
   * left goes back ({@code BudgetLeases}); it also bounds the share: one lease period's refill.
   */
  public Duration budgetLease() {
    long ms = config.getLong(P + "budget.lease.ms", 1000);
    if (ms < 1) {
      throw new IllegalArgumentException(P + "budget.lease.ms must be >= 1, was " + ms);
    }
    return Duration.ofMillis(ms);
  }

  /** How often cache entries and usage figures are written behind results (lost on a crash). */
  public Duration deferredWritesInterval() {
    return Duration.ofMillis(config.getLong(P + "deferred.writes.ms", 100));
  }

  /** How long a finished result may wait to be committed with others (one transaction each). */
  public Duration commitInterval() {
    return Duration.ofMillis(config.getLong(P + "commit.interval.ms", 50));
  }

  public Duration answeredTtl() {
    return Duration.ofDays(config.getLong(P + "answered.ttl.days", 8));
  }

  public int memoryLimit() {
    return config.getInt(P + "memory.limit", 3);
  }

  /**
   * How many character × player memory lists the worker keeps in memory between requests,
   * invalidated by Redis as the projector writes; 0 reads Redis every time. An entry holds up to 50
   * memories with their words, ~27 KB for summaries of ~60 characters (measured): the default
   * bounds the cache to ~14 MB.
   */
  public long memoryCacheEntries() {
    return config.getLong(P + "memory.cache.entries", 500);
  }

  public long memoryHalfLifeMs() {
    return config.getLong(P + "memory.half.life.ms", Duration.ofDays(3).toMillis());
  }

  public int defaultMaxTokens() {
    return config.getInt(P + "max.tokens.default", 80);
  }

  public int maxTokensCap() {
    return config.getInt(P + "max.tokens.cap", 256);
  }

  public double defaultTemperature() {
    return config.getDouble(P + "temperature.default", 0.8);
  }

  public String instanceId() {
    return config.get(P + "instance.id", java.util.UUID.randomUUID().toString());
  }

  public String groupId() {
    return config.get(P + "group.id", "empath-llm-worker");
  }

  public BudgetSettings budget() {
    BudgetSettings d = BudgetSettings.defaults();
    return new BudgetSettings(
        config.getDouble(P + "budget.requests.per.second", d.requestsPerSecond()),
        config.getDouble(P + "budget.request.burst", d.requestBurst()),
        config.getDouble(P + "budget.tokens.per.minute", d.tokensPerMinute()),
        config.getDouble(P + "budget.token.burst", d.tokenBurst()));
  }

  public ResilienceSettings resilience() {
    ResilienceSettings d = ResilienceSettings.defaults();
    return new ResilienceSettings(
        config.getInt(P + "retry.max.attempts", d.maxAttempts()),
        Duration.ofMillis(config.getLong(P + "retry.backoff.ms", d.baseBackoff().toMillis())),
        config.getDouble(P + "retry.multiplier", d.multiplier()),
        Duration.ofMillis(config.getLong(P + "retry.backoff.max.ms", d.maxBackoff().toMillis())),
        Duration.ofMillis(config.getLong(P + "min.call.ms", d.minCallTime().toMillis())),
        config.getInt(P + "breaker.window", d.breakerWindow()),
        config.getInt(P + "breaker.min.calls", d.breakerMinCalls()),
        (float) config.getDouble(P + "breaker.failure.rate", d.breakerFailureRatePercent()),
        Duration.ofMillis(config.getLong(P + "breaker.open.ms", d.breakerOpenFor().toMillis())),
        config.getInt(P + "breaker.probes", d.breakerProbes()),
        Duration.ofMillis(config.getLong(P + "answer.reserve.ms", d.answerReserve().toMillis())));
  }

  /**
   * Remote providers: {@code empath.llm.providers=openai,claude} and per name {@code .type}
   * (openai|anthropic), {@code .url}, {@code .model}, {@code .timeout.ms} and {@code .key.env}, the
   * environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY).
   */
  public Map<String, GenerationProvider> providers(HttpClient http, Function<String, String> env) {
    Map<String, GenerationProvider> out = new HashMap<>();
    for (String name : list(P + "providers")) {
      String p = P + "provider." + name + ".";
      String type = config.get(p + "type", name).toLowerCase(Locale.ROOT);
      Duration timeout = Duration.ofMillis(config.getLong(p + "timeout.ms", 30_000));
      switch (type) {
        case "openai" ->
            out.put(
                name,
                ChatModelProvider.openAi(
                    name,
                    config.get(p + "url", "https://api.openai.com/v1"),
                    env.apply(config.get(p + "key.env", "OPENAI_API_KEY")),
                    config.get(p + "model", "gpt-4o-mini"),
                    http,
                    timeout));
        case "anthropic" ->
            out.put(
                name,
                ChatModelProvider.anthropic(
                    name,
                    config.get(p + "url", "https://api.anthropic.com/v1"),
                    env.apply(config.get(p + "key.env", "ANTHROPIC_API_KEY")),
                    config.get(p + "model", "claude-3-5-haiku-latest"),
                    http,
                    timeout));
        default ->
            throw new IllegalStateException(
                "provider " + name + " has unknown type " + type + " (openai or anthropic)");
      }
    }
    return out;
  }

  /**
   * Routes: {@code empath.llm.route.default}, {@code empath.llm.route.purpose.<npc_line|
   * scene_description|hint>}, {@code empath.llm.route.model.<name>}; each a comma list of provider
   * names. Default route: every configured provider in order; none configured means offline only.
   */
  public Routes routes() {
    Map<GenerationPurpose, List<String>> byPurpose = new HashMap<>();
    for (GenerationPurpose purpose : GenerationPurpose.values()) {
      if (purpose == GenerationPurpose.UNRECOGNIZED) {
        continue;
      }
      String key =
          P
              + "route.purpose."
              + purpose.name().replace("GENERATION_PURPOSE_", "").toLowerCase(Locale.ROOT);
      if (config.find(key).isPresent()) {
        byPurpose.put(purpose, list(key));
      }
    }
    Map<String, List<String>> byModel = new HashMap<>();
    for (String model : list(P + "route.models")) {
      byModel.put(model, list(P + "route.model." + model));
    }
    List<String> fallback =
        config.find(P + "route.default").isPresent()
            ? list(P + "route.default")
            : list(P + "providers");
    return new Routes(byModel, byPurpose, fallback);
  }

  private List<String> list(String key) {
    return Arrays.stream(config.get(key, "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
