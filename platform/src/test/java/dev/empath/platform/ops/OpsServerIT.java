package dev.empath.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The operations endpoint over real HTTP: what a Prometheus scrape and a liveness probe see. */
class OpsServerIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheRegistryInPrometheusFormatWithJvmFigures() throws Exception {
    PrometheusMeterRegistry registry = ProcessMetrics.forService("test-worker");
    registry.counter("empath.test.records", "topic", "t1").increment(3);
    try (OpsServer ops = OpsServer.start(0, registry, Map.of())) {
      HttpResponse<String> metrics = get(ops, "/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains("empath_test_records_total{service=\"test-worker\",topic=\"t1\"} 3.0")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void healthIsDownNamingTheFailingCheckAndUpAgainWhenItRecovers() throws Exception {
    AtomicBoolean redisUp = new AtomicBoolean(true);
    Map<String, java.util.function.BooleanSupplier> checks =
        Map.of(
            "redis",
            redisUp::get,
            "kafka",
            () -> {
              throw new IllegalStateException("a check that throws fails");
            });
    try (OpsServer ops =
        OpsServer.start(0, ProcessMetrics.forService("t"), Map.of("redis", redisUp::get))) {
      assertThat(get(ops, "/health").statusCode()).isEqualTo(200);
      redisUp.set(false);
      HttpResponse<String> down = get(ops, "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"redis\":\"DOWN\"}}");
      redisUp.set(true);
      assertThat(get(ops, "/health").body()).contains("\"status\":\"UP\"");
    }
    try (OpsServer ops = OpsServer.start(0, ProcessMetrics.forService("t"), checks)) {
      assertThat(get(ops, "/health").body()).contains("\"kafka\":\"DOWN\"");
    }
  }

  private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
