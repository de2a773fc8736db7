package dev.empath.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** docker/healthcheck.sh, the containers' health check, against a real operations endpoint. */
class HealthCheckScriptTest {

  @Test
  void exitsZeroOnlyWhileTheOperationsEndpointAnswers200() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    try (OpsServer ops =
        OpsServer.start(
            0,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Map.of("kafka", healthy::get))) {
      String port = String.valueOf(ops.port());
      assertThat(run(port, "/health")).isZero();
      assertThat(run(port, "/metrics")).isZero();
      assertThat(run(port, "/no-such-path")).isNotZero();
      healthy.set(false);
      assertThat(run(port, "/health")).as("503 while a check fails").isNotZero();
    }
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(run(String.valueOf(port), "/health")).isNotZero();
  }

  private static int run(String port, String path) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "bash", Manifests.ROOT.resolve("docker/healthcheck.sh").toString(), port, path)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the check ends on its own").isTrue();
    return process.exitValue();
  }
}
