package dev.empath.llm.config;

import static dev.empath.llm.config.LlmWorkerConfigKeys.ANSWERED_TTL_DAYS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.ANSWER_RESERVE_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BREAKER_FAILURE_RATE;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BREAKER_MIN_CALLS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BREAKER_OPEN_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BREAKER_PROBES;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BREAKER_WINDOW;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BUDGET_LEASE_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BUDGET_REQUESTS_PER_SECOND;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BUDGET_REQUEST_BURST;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BUDGET_TOKENS_PER_MINUTE;
import static dev.empath.llm.config.LlmWorkerConfigKeys.BUDGET_TOKEN_BURST;
import static dev.empath.llm.config.LlmWorkerConfigKeys.CACHE_INDEX_KEYS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.CACHE_TTL_SECONDS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.COMMIT_INTERVAL_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.DEFAULT_DEADLINE_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.DEFERRED_WRITES_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.GROUP_ID;
import static dev.empath.llm.config.LlmWorkerConfigKeys.INSTANCE_ID;
import static dev.empath.llm.config.LlmWorkerConfigKeys.MAX_IN_FLIGHT;
import static dev.empath.llm.config.LlmWorkerConfigKeys.MAX_TOKENS_CAP;
import static dev.empath.llm.config.LlmWorkerConfigKeys.MAX_TOKENS_DEFAULT;
import static dev.empath.llm.config.LlmWorkerConfigKeys.MEMORY_CACHE_ENTRIES;
import static dev.empath.llm.config.LlmWorkerConfigKeys.MEMORY_HALF_LIFE_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.MEMORY_LIMIT;
import static dev.empath.llm.config.LlmWorkerConfigKeys.MIN_CALL_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.PROVIDERS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.PROVIDER_KEY_ENV;
import static dev.empath.llm.config.LlmWorkerConfigKeys.PROVIDER_MODEL;
import static dev.empath.llm.config.LlmWorkerConfigKeys.PROVIDER_TIMEOUT_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.PROVIDER_TYPE;
import static dev.empath.llm.config.LlmWorkerConfigKeys.PROVIDER_URL;
import static dev.empath.llm.config.LlmWorkerConfigKeys.READ_MODEL_REDIS_URL;
import static dev.empath.llm.config.LlmWorkerConfigKeys.RETRY_BACKOFF_MAX_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.RETRY_BACKOFF_MS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.RETRY_MAX_ATTEMPTS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.RETRY_MULTIPLIER;
import static dev.empath.llm.config.LlmWorkerConfigKeys.ROUTE_DEFAULT;
import static dev.empath.llm.config.LlmWorkerConfigKeys.ROUTE_MODEL;
import static dev.empath.llm.config.LlmWorkerConfigKeys.ROUTE_MODELS;
import static dev.empath.llm.config.LlmWorkerConfigKeys.ROUTE_PURPOSE;
import static dev.empath.llm.config.LlmWorkerConfigKeys.TEMPERATURE_DEFAULT;

import dev.empath.llm.budget.BudgetSettings;
import dev.empath.llm.provider.ChatModelProvider;
import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.resilience.ResilienceSettings;
import dev.empath.llm.routing.Routes;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.redis.RedisEndpoint;
import dev.empath.schemas.v1.GenerationPurpose;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Reads the worker's configuration keys, declared in {@link LlmWorkerConfigKeys}. */
public final class LlmWorkerSettings {

  private final EmpathConfig config;

  /** Checks every key (a bad value: a one-line {@code ConfigurationException}). */
  public LlmWorkerSettings(EmpathConfig config) {
    config.check(PlatformConfigKeys.KEYS, LlmWorkerConfigKeys.KEYS);
    this.config = config;
  }

  public EmpathConfig config() {
    return config;
  }

  public int maxInFlight() {
    return config.get(MAX_IN_FLIGHT);
  }

  public Duration defaultDeadline() {
    return Duration.ofMillis(config.get(DEFAULT_DEADLINE_MS));
  }

  public Duration cacheTtl() {
    return Duration.ofSeconds(config.get(CACHE_TTL_SECONDS));
  }

  /**
   * How many response-cache keys the worker's index of existing keys ({@code CacheKeyIndex}) is
   * sized for, per cache TTL: ~1.2 bytes each, twice (two generations). More keys than this only
   * make the index answer "may exist" more often (a Redis read each). 0 turns the index off: every
   * request to a remote provider reads the cache in Redis.
   */
  public long cacheIndexKeys() {
    return config.get(CACHE_INDEX_KEYS);
  }

  /**
   * How long a share of a game's budget taken by this worker may be spent locally before what is
   * left goes back ({@code BudgetLeases}); it also bounds the share: one lease period's refill.
   */
  public Duration budgetLease() {
    return Duration.ofMillis(config.get(BUDGET_LEASE_MS));
  }

  /** How often cache entries and usage figures are written behind results (lost on a crash). */
  public Duration deferredWritesInterval() {
    return Duration.ofMillis(config.get(DEFERRED_WRITES_MS));
  }

  /** How long a finished result may wait to be committed with others (one transaction each). */
  public Duration commitInterval() {
    return Duration.ofMillis(config.get(COMMIT_INTERVAL_MS));
  }

  public Duration answeredTtl() {
    return Duration.ofDays(config.get(ANSWERED_TTL_DAYS));
  }

  public int memoryLimit() {
    return config.get(MEMORY_LIMIT);
  }

  /**
   * How many character × player memory lists the worker keeps in memory between requests,
   * invalidated by Redis as the projector writes; 0 reads Redis every time. An entry holds up to 50
   * memories with their words, ~27 KB for summaries of ~60 characters: the default bounds the cache
   * to ~14 MB.
   */
  public long memoryCacheEntries() {
    return config.get(MEMORY_CACHE_ENTRIES);
  }

  public long memoryHalfLifeMs() {
    return config.get(MEMORY_HALF_LIFE_MS);
  }

  public int defaultMaxTokens() {
    return config.get(MAX_TOKENS_DEFAULT);
  }

  public int maxTokensCap() {
    return config.get(MAX_TOKENS_CAP);
  }

  public double defaultTemperature() {
    return config.get(TEMPERATURE_DEFAULT);
  }

  public String instanceId() {
    return config.find(INSTANCE_ID).orElseGet(() -> UUID.randomUUID().toString());
  }

  /** Where the read model is read: {@code empath.llm.read-model.redis.url}, else redis.url. */
  public String readModelRedisUrl() {
    return config.find(READ_MODEL_REDIS_URL).orElseGet(config::redisUrl);
  }

  /** The read model's Redis: that URL, or the cluster of {@code redis.cluster.nodes}. */
  public RedisEndpoint readModelRedis() {
    return RedisConnections.endpoint(
        config.with(PlatformConfigKeys.REDIS_URL.name(), readModelRedisUrl()));
  }

  public String groupId() {
    return config.get(GROUP_ID);
  }

  public BudgetSettings budget() {
    return new BudgetSettings(
        config.get(BUDGET_REQUESTS_PER_SECOND),
        config.get(BUDGET_REQUEST_BURST),
        config.get(BUDGET_TOKENS_PER_MINUTE),
        config.get(BUDGET_TOKEN_BURST));
  }

  public ResilienceSettings resilience() {
    return new ResilienceSettings(
        config.get(RETRY_MAX_ATTEMPTS),
        Duration.ofMillis(config.get(RETRY_BACKOFF_MS)),
        config.get(RETRY_MULTIPLIER),
        Duration.ofMillis(config.get(RETRY_BACKOFF_MAX_MS)),
        Duration.ofMillis(config.get(MIN_CALL_MS)),
        config.get(BREAKER_WINDOW),
        config.get(BREAKER_MIN_CALLS),
        config.get(BREAKER_FAILURE_RATE).floatValue(),
        Duration.ofMillis(config.get(BREAKER_OPEN_MS)),
        config.get(BREAKER_PROBES),
        Duration.ofMillis(config.get(ANSWER_RESERVE_MS)));
  }

  /**
   * Remote providers: {@code empath.llm.providers=openai,claude} and per name {@code .type}
   * (openai|anthropic), {@code .url}, {@code .model}, {@code .timeout.ms} and {@code .key.env}, the
   * environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY).
   */
  public Map<String, GenerationProvider> providers(HttpClient http, Function<String, String> env) {
    Map<String, GenerationProvider> out = new HashMap<>();
    for (String name : config.get(PROVIDERS)) {
      String type = config.find(PROVIDER_TYPE.at(name)).orElse(name).toLowerCase(Locale.ROOT);
      Duration timeout = Duration.ofMillis(config.get(PROVIDER_TIMEOUT_MS.at(name)));
      String url = config.find(PROVIDER_URL.at(name)).orElse(null);
      String keyEnv = config.find(PROVIDER_KEY_ENV.at(name)).orElse(null);
      String model = config.find(PROVIDER_MODEL.at(name)).orElse(null);
      switch (type) {
        case "openai" ->
            out.put(
                name,
                ChatModelProvider.openAi(
                    name,
                    url != null ? url : "https://api.openai.com/v1",
                    env.apply(keyEnv != null ? keyEnv : "OPENAI_API_KEY"),
                    model != null ? model : "gpt-4o-mini",
                    http,
                    timeout));
        case "anthropic" ->
            out.put(
                name,
                ChatModelProvider.anthropic(
                    name,
                    url != null ? url : "https://api.anthropic.com/v1",
                    env.apply(keyEnv != null ? keyEnv : "ANTHROPIC_API_KEY"),
                    model != null ? model : "claude-3-5-haiku-latest",
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
      String name = purpose.name().replace("GENERATION_PURPOSE_", "").toLowerCase(Locale.ROOT);
      config.find(ROUTE_PURPOSE.at(name)).ifPresent(chain -> byPurpose.put(purpose, chain));
    }
    Map<String, List<String>> byModel = new HashMap<>();
    for (String model : config.get(ROUTE_MODELS)) {
      byModel.put(model, config.get(ROUTE_MODEL.at(model)));
    }
    List<String> fallback = config.find(ROUTE_DEFAULT).orElseGet(() -> config.get(PROVIDERS));
    return new Routes(byModel, byPurpose, fallback);
  }
}
