package dev.empath.llm.config;

import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.ConfigKeys;
import java.util.List;

/**
 * The keys llm-worker reads, besides the platform's. Families ({@code <name>}) are keyed by a
 * provider, purpose, route, model or character name.
 */
public final class LlmWorkerConfigKeys {

  private static final String P = "empath.llm.";

  public static final ConfigKey<List<String>> PROVIDERS =
      ConfigKey.ofList(P + "providers", "remote providers, by name; none: offline answers only");

  public static final ConfigKey<String> PROVIDER_TYPE =
      ConfigKey.ofString(P + "provider.<name>.type", null, "openai or anthropic")
          .defaultText("the provider's name");

  public static final ConfigKey<String> PROVIDER_URL =
      ConfigKey.ofString(
              P + "provider.<name>.url",
              null,
              "base URL, e.g. http://localhost:11434/v1 for an OpenAI-compatible Ollama")
          .defaultText("https://api.openai.com/v1, https://api.anthropic.com/v1");

  public static final ConfigKey<String> PROVIDER_MODEL =
      ConfigKey.ofString(P + "provider.<name>.model", null, "model asked for by default")
          .defaultText("gpt-4o-mini, claude-3-5-haiku-latest");

  public static final ConfigKey<String> PROVIDER_KEY_ENV =
      ConfigKey.ofString(
              P + "provider.<name>.key.env",
              null,
              "environment variable holding the API key (keys are never configuration values)")
          .defaultText("OPENAI_API_KEY, ANTHROPIC_API_KEY");

  public static final ConfigKey<Long> PROVIDER_TIMEOUT_MS =
      ConfigKey.ofLong(P + "provider.<name>.timeout.ms", 30_000L, "upper bound of one call")
          .atLeast(1);

  public static final ConfigKey<List<String>> ROUTE_DEFAULT =
      ConfigKey.ofList(P + "route.default", "provider chain of requests no other route matches")
          .defaultText("every provider, in order");

  public static final ConfigKey<List<String>> ROUTE_PURPOSE =
      ConfigKey.ofList(
              P + "route.purpose.<purpose>",
              "provider chain per purpose: npc_line, scene_description, hint or unspecified")
          .defaultText("the default route");

  public static final ConfigKey<List<String>> ROUTE_MODELS =
      ConfigKey.ofList(P + "route.models", "route names a request may ask for as its model");

  public static final ConfigKey<List<String>> ROUTE_MODEL =
      ConfigKey.ofList(P + "route.model.<name>", "provider chain of a route named in route.models");

  public static final ConfigKey<Integer> RETRY_MAX_ATTEMPTS =
      ConfigKey.ofInt(P + "retry.max.attempts", 3, "attempts per provider (1: no retry)")
          .atLeast(1);

  public static final ConfigKey<Long> RETRY_BACKOFF_MS =
      ConfigKey.ofLong(P + "retry.backoff.ms", 100L, "first backoff, with jitter").atLeast(0);

  public static final ConfigKey<Double> RETRY_MULTIPLIER =
      ConfigKey.ofDouble(P + "retry.multiplier", 2.0, "growth of each further backoff").atLeast(1);

  public static final ConfigKey<Long> RETRY_BACKOFF_MAX_MS =
      ConfigKey.ofLong(
              P + "retry.backoff.max.ms",
              2_000L,
              "cap of a backoff; a Retry-After above it moves on to the next provider")
          .atLeast(0);

  public static final ConfigKey<Long> MIN_CALL_MS =
      ConfigKey.ofLong(P + "min.call.ms", 50L, "no call is started with less time than this left")
          .atLeast(0);

  public static final ConfigKey<Long> ANSWER_RESERVE_MS =
      ConfigKey.ofLong(
              P + "answer.reserve.ms",
              100L,
              "time kept before the deadline for the fallback answer and the result")
          .atLeast(0);

  public static final ConfigKey<Integer> BREAKER_WINDOW =
      ConfigKey.ofInt(P + "breaker.window", 20, "calls a provider's circuit breaker looks back on")
          .atLeast(1);

  public static final ConfigKey<Integer> BREAKER_MIN_CALLS =
      ConfigKey.ofInt(P + "breaker.min.calls", 5, "calls before the breaker may open").atLeast(1);

  public static final ConfigKey<Double> BREAKER_FAILURE_RATE =
      ConfigKey.ofDouble(P + "breaker.failure.rate", 50.0, "failure percentage opening the breaker")
          .require(v -> v > 0 && v <= 100, "must be in (0, 100]");

  public static final ConfigKey<Long> BREAKER_OPEN_MS =
      ConfigKey.ofLong(P + "breaker.open.ms", 30_000L, "how long an open breaker refuses calls")
          .atLeast(0);

  public static final ConfigKey<Integer> BREAKER_PROBES =
      ConfigKey.ofInt(P + "breaker.probes", 2, "calls let through while half open").atLeast(1);

  public static final ConfigKey<Long> DEFAULT_DEADLINE_MS =
      ConfigKey.ofLong(P + "default.deadline.ms", 10_000L, "deadline of a request without one")
          .atLeast(1);

  public static final ConfigKey<Integer> MAX_IN_FLIGHT =
      ConfigKey.ofInt(
              P + "max.in.flight",
              512,
              "requests worked on at once (also the consumer's max.poll.records)")
          .atLeast(1);

  public static final ConfigKey<Long> CACHE_TTL_SECONDS =
      ConfigKey.ofLong(P + "cache.ttl.seconds", 3_600L, "lifetime of a cached response").atLeast(1);

  public static final ConfigKey<Long> CACHE_INDEX_KEYS =
      ConfigKey.ofLong(
              P + "cache.index.keys",
              1_000_000L,
              "response-cache keys per TTL the in-memory index of existing keys is sized for;"
                  + " 0: read the cache in Redis for every request")
          .atLeast(0);

  public static final ConfigKey<Double> BUDGET_REQUESTS_PER_SECOND =
      ConfigKey.ofDouble(P + "budget.requests.per.second", 20.0, "per game, shared by all replicas")
          .require(v -> v > 0, "must be > 0");

  public static final ConfigKey<Double> BUDGET_REQUEST_BURST =
      ConfigKey.ofDouble(P + "budget.request.burst", 40.0, "requests a game may send at once")
          .require(v -> v > 0, "must be > 0");

  public static final ConfigKey<Double> BUDGET_TOKENS_PER_MINUTE =
      ConfigKey.ofDouble(P + "budget.tokens.per.minute", 60_000.0, "per game token refill rate")
          .require(v -> v > 0, "must be > 0");

  public static final ConfigKey<Double> BUDGET_TOKEN_BURST =
      ConfigKey.ofDouble(P + "budget.token.burst", 120_000.0, "per game token budget size")
          .require(v -> v > 0, "must be > 0");

  public static final ConfigKey<Long> BUDGET_LEASE_MS =
      ConfigKey.ofLong(
              P + "budget.lease.ms",
              1_000L,
              "how long a worker spends its share of a game's budget locally before the rest goes"
                  + " back; also bounds the share to one such period's refill")
          .atLeast(1);

  public static final ConfigKey<Double> PRICE_INPUT =
      ConfigKey.ofDouble(
              P + "price.<model>.input", 0.0, "USD per million input tokens, for estimated cost")
          .atLeast(0);

  public static final ConfigKey<Double> PRICE_OUTPUT =
      ConfigKey.ofDouble(P + "price.<model>.output", 0.0, "USD per million output tokens")
          .atLeast(0);

  public static final ConfigKey<List<String>> CHARACTERS =
      ConfigKey.ofList(P + "characters", "characters with a card; others get a generic one");

  public static final ConfigKey<String> CHARACTER_NAME =
      ConfigKey.ofString(P + "character.<id>.name", null, "character's name in prompts")
          .defaultText("the id");

  public static final ConfigKey<String> CHARACTER_PERSONA =
      ConfigKey.ofString(P + "character.<id>.persona", null, "who the character is")
          .defaultText("a generic persona");

  public static final ConfigKey<String> CHARACTER_STYLE =
      ConfigKey.ofString(P + "character.<id>.style", null, "how the character speaks")
          .defaultText("a generic style");

  public static final ConfigKey<Integer> MEMORY_LIMIT =
      ConfigKey.ofInt(P + "memory.limit", 3, "memories per prompt").atLeast(0);

  public static final ConfigKey<Long> MEMORY_HALF_LIFE_MS =
      ConfigKey.ofLong(P + "memory.half.life.ms", 259_200_000L, "recency half-life (3 days)")
          .atLeast(1);

  public static final ConfigKey<Long> MEMORY_CACHE_ENTRIES =
      ConfigKey.ofLong(
              P + "memory.cache.entries",
              500L,
              "character x player memory lists kept between requests, invalidated by Redis; 0:"
                  + " read Redis every time")
          .atLeast(0);

  public static final ConfigKey<Integer> MAX_TOKENS_DEFAULT =
      ConfigKey.ofInt(P + "max.tokens.default", 80, "output tokens of a request without a bound")
          .atLeast(1);

  public static final ConfigKey<Integer> MAX_TOKENS_CAP =
      ConfigKey.ofInt(P + "max.tokens.cap", 256, "most output tokens a request may ask for")
          .atLeast(1);

  public static final ConfigKey<Double> TEMPERATURE_DEFAULT =
      ConfigKey.ofDouble(P + "temperature.default", 0.8, "temperature of a request without one")
          .require(v -> v >= 0 && v <= 2, "must be in [0, 2]");

  public static final ConfigKey<Long> COMMIT_INTERVAL_MS =
      ConfigKey.ofLong(
              P + "commit.interval.ms",
              50L,
              "how long a finished result may wait to be committed with others (one transaction)")
          .atLeast(1);

  public static final ConfigKey<Long> DEFERRED_WRITES_MS =
      ConfigKey.ofLong(
              P + "deferred.writes.ms",
              100L,
              "interval of the write-behind of cache entries and usage figures (lost on a crash)")
          .atLeast(1);

  public static final ConfigKey<Long> ANSWERED_TTL_DAYS =
      ConfigKey.ofLong(P + "answered.ttl.days", 8L, "how long answered request ids are remembered")
          .atLeast(1);

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.ofString(P + "group.id", "empath-llm-worker", "consumer group");

  public static final ConfigKey<String> READ_MODEL_REDIS_URL =
      ConfigKey.ofString(
              P + "read-model.redis.url",
              null,
              "Redis of the read model the worker takes memories from, e.g. as a read-only ACL"
                  + " user, while redis.url (as a user that writes only empath:llm:*) holds the"
                  + " worker's own keys")
          .defaultText("redis.url");

  public static final ConfigKey<String> INSTANCE_ID =
      ConfigKey.ofString(P + "instance.id", null, "transactional id = group id + instance id")
          .defaultText("random");

  public static final ConfigKeys KEYS =
      ConfigKeys.of(
          "llm-worker",
          "Generation requests to results through a chain of LLM providers (`LlmWorkerApp`).",
          List.of("empath.llm."),
          PROVIDERS,
          PROVIDER_TYPE,
          PROVIDER_URL,
          PROVIDER_MODEL,
          PROVIDER_KEY_ENV,
          PROVIDER_TIMEOUT_MS,
          ROUTE_DEFAULT,
          ROUTE_PURPOSE,
          ROUTE_MODELS,
          ROUTE_MODEL,
          RETRY_MAX_ATTEMPTS,
          RETRY_BACKOFF_MS,
          RETRY_MULTIPLIER,
          RETRY_BACKOFF_MAX_MS,
          MIN_CALL_MS,
          ANSWER_RESERVE_MS,
          BREAKER_WINDOW,
          BREAKER_MIN_CALLS,
          BREAKER_FAILURE_RATE,
          BREAKER_OPEN_MS,
          BREAKER_PROBES,
          DEFAULT_DEADLINE_MS,
          MAX_IN_FLIGHT,
          CACHE_TTL_SECONDS,
          CACHE_INDEX_KEYS,
          BUDGET_REQUESTS_PER_SECOND,
          BUDGET_REQUEST_BURST,
          BUDGET_TOKENS_PER_MINUTE,
          BUDGET_TOKEN_BURST,
          BUDGET_LEASE_MS,
          PRICE_INPUT,
          PRICE_OUTPUT,
          CHARACTERS,
          CHARACTER_NAME,
          CHARACTER_PERSONA,
          CHARACTER_STYLE,
          MEMORY_LIMIT,
          MEMORY_HALF_LIFE_MS,
          MEMORY_CACHE_ENTRIES,
          MAX_TOKENS_DEFAULT,
          MAX_TOKENS_CAP,
          TEMPERATURE_DEFAULT,
          COMMIT_INTERVAL_MS,
          DEFERRED_WRITES_MS,
          ANSWERED_TTL_DAYS,
          GROUP_ID,
          INSTANCE_ID,
          READ_MODEL_REDIS_URL);

  private LlmWorkerConfigKeys() {}
}
