package dev.empath.llm.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Usage as Micrometer meters, for Prometheus: per game, provider and model, the requests (and how
 * many the cache answered), tokens in and out, estimated cost, latency as a histogram; failed
 * attempts per game and provider; and the worker's own overhead per request, the time it added
 * beyond waiting on providers.
 *
 * <p>The same figures as {@link UsageLedger} keeps in Redis for the query API; these are this
 * process's alone, counted from its start, as Prometheus expects.
 */
public final class UsageMetrics implements UsageRecorder {

  // Latency buckets, as the Redis ledger's: answers of a game model take 50 ms to 10 s.
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Timer overhead;
  // One set of meters per game/provider/model, looked up once: builders allocate on every call.
  private final Map<Series, Meters> meters = new ConcurrentHashMap<>();
  private final Map<Series, Counter> errors = new ConcurrentHashMap<>();

  public UsageMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.overhead =
        Timer.builder("empath.llm.overhead")
            .description("time the worker added to a request beyond waiting on providers")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .register(registry);
  }

  @Override
  public void record(UsageLedger.Entry e) {
    Meters m =
        meters.computeIfAbsent(new Series(e.gameId(), e.provider(), e.model()), this::meters);
    (e.cached() ? m.cached() : m.requests()).increment();
    m.tokensIn().increment(e.tokensIn());
    m.tokensOut().increment(e.tokensOut());
    m.cost().increment(e.costUsd());
    m.latency().record(e.latencyMs(), TimeUnit.MILLISECONDS);
    for (UsageLedger.ProviderError err : e.errors()) {
      errors
          .computeIfAbsent(
              new Series(e.gameId(), err.provider(), ""),
              s ->
                  Counter.builder("empath.llm.errors")
                      .description("failed provider attempts on the way to an answer")
                      .tags("game", s.game(), "provider", s.provider())
                      .register(registry))
          .increment();
    }
  }

  /** The overhead of one request, in nanoseconds (see {@code GenerationService}). */
  public void overhead(long nanos) {
    overhead.record(nanos, TimeUnit.NANOSECONDS);
  }

  private Meters meters(Series s) {
    Tags tags = Tags.of("game", s.game(), "provider", s.provider(), "model", s.model());
    return new Meters(
        requests(tags, "false"),
        requests(tags, "true"),
        tokens(tags, "in"),
        tokens(tags, "out"),
        Counter.builder("empath.llm.cost")
            .baseUnit("usd")
            .description("estimated cost from the configured price table")
            .tags(tags)
            .register(registry),
        Timer.builder("empath.llm.latency")
            .description("time from taking a request to its answer")
            .tags(tags)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry));
  }

  private Counter requests(Tags tags, String cached) {
    return Counter.builder("empath.llm.requests")
        .description("answered requests; cached=true for answers from the response cache")
        .tags(tags)
        .tag("cached", cached)
        .register(registry);
  }

  private Counter tokens(Tags tags, String direction) {
    return Counter.builder("empath.llm.tokens")
        .description("tokens sent to (in) and received from (out) providers")
        .tags(tags)
        .tag("direction", direction)
        .register(registry);
  }

  private record Series(String game, String provider, String model) {}

  private record Meters(
      Counter requests,
      Counter cached,
      Counter tokensIn,
      Counter tokensOut,
      Counter cost,
      Timer latency) {}
}
