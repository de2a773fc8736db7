package dev.empath.llm.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UsageMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final UsageMetrics metrics = new UsageMetrics(registry);

  @Test
  void countsRequestsTokensCostAndLatencyPerGameProviderAndModel() {
    metrics.record(entry("g1", false, 100, 20, 300, 0.5, List.of()));
    metrics.record(entry("g1", false, 50, 10, 200, 0.25, List.of()));
    metrics.record(entry("g1", true, 0, 0, 5, 0, List.of()));
    metrics.record(entry("g2", false, 7, 3, 100, 0.1, List.of()));

    assertThat(counter("empath.llm.requests", "g1", "cached", "false")).isEqualTo(2);
    assertThat(counter("empath.llm.requests", "g1", "cached", "true")).isEqualTo(1);
    assertThat(counter("empath.llm.tokens", "g1", "direction", "in")).isEqualTo(150);
    assertThat(counter("empath.llm.tokens", "g1", "direction", "out")).isEqualTo(30);
    assertThat(counter("empath.llm.tokens", "g2", "direction", "in")).isEqualTo(7);
    assertThat(registry.get("empath.llm.cost").tag("game", "g1").counter().count()).isEqualTo(0.75);
    var latency = registry.get("empath.llm.latency").tag("game", "g1").timer();
    assertThat(latency.count()).isEqualTo(3);
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(300);
  }

  @Test
  void countsFailedAttemptsPerProviderAndTheOverhead() {
    metrics.record(
        entry(
            "g1",
            false,
            1,
            1,
            900,
            0,
            List.of(
                new UsageLedger.ProviderError("primary", "*"),
                new UsageLedger.ProviderError("primary", "*"),
                new UsageLedger.ProviderError("secondary", "*"))));
    metrics.overhead(TimeUnit.MILLISECONDS.toNanos(3));

    assertThat(registry.get("empath.llm.errors").tag("provider", "primary").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("empath.llm.errors").tag("provider", "secondary").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("empath.llm.overhead").timer().totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(3);
  }

  private double counter(String name, String game, String tag, String value) {
    return registry
        .get(name)
        .tags("game", game, "provider", "primary", "model", "m1", tag, value)
        .counter()
        .count();
  }

  private static UsageLedger.Entry entry(
      String game,
      boolean cached,
      int in,
      int out,
      long latencyMs,
      double cost,
      List<UsageLedger.ProviderError> errors) {
    return new UsageLedger.Entry(game, "primary", "m1", cached, in, out, latencyMs, cost, errors);
  }
}
