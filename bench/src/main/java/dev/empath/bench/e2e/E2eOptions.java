package dev.empath.bench.e2e;

import dev.empath.bench.harness.HelpOption;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The benchmark's knobs; the defaults give a run of about two minutes on a two-core machine. */
@Command(
    name = "bench/e2e",
    description =
        "The whole local stack in one process: latency from producing a behaviour event to its"
            + " prediction being readable over HTTP, at a steady behaviour rate, after a warm-up"
            + " at that rate of at most a minute. Prints BENCH lines; e2e_p99_at_<rate> is the"
            + " quality bar.")
final class E2eOptions {

  @Mixin HelpOption help;

  @Option(
      names = "--rate",
      defaultValue = "5000",
      description =
          "behaviour events per second, warm-up and measurement (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "how long the measured step publishes (default: ${DEFAULT-VALUE})")
  long seconds;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "60",
      description =
          "warm-up at the rate until the JIT compilers are quiet, at most this long"
              + " (default: ${DEFAULT-VALUE})")
  long warmUpSeconds;

  @Option(
      names = "--warm-up-round-seconds",
      defaultValue = "10",
      description = "length of one warm-up round (default: ${DEFAULT-VALUE})")
  long warmUpRoundSeconds;

  @Option(
      names = "--probe-interval-ms",
      defaultValue = "100",
      description = "one latency probe per interval (default: ${DEFAULT-VALUE})")
  long probeIntervalMs;

  @Option(
      names = "--poll-ms",
      defaultValue = "3",
      description = "how often a probe asks the API (default: ${DEFAULT-VALUE})")
  long pollMs;

  @Option(
      names = "--probe-timeout-s",
      defaultValue = "10",
      description = "when a probe gives up (default: ${DEFAULT-VALUE})")
  long probeTimeoutSeconds;

  /** One line saying what is wrong, or null. */
  String problem() {
    if (rate < 100) {
      return "--rate must be at least 100";
    }
    if (seconds < 5 || warmUpRoundSeconds < 5) {
      return "--seconds and --warm-up-round-seconds must be at least 5 (probes skip a second at each end)";
    }
    if (warmUpSeconds < 0 || probeIntervalMs < 1 || pollMs < 1 || probeTimeoutSeconds < 1) {
      return "--warm-up-seconds must not be negative, the probe settings must be positive";
    }
    return null;
  }

  Duration window() {
    return Duration.ofSeconds(seconds);
  }

  Duration warmUpLimit() {
    return Duration.ofSeconds(warmUpSeconds);
  }

  Duration warmUpRound() {
    return Duration.ofSeconds(warmUpRoundSeconds);
  }

  Duration probeInterval() {
    return Duration.ofMillis(probeIntervalMs);
  }

  Duration pollInterval() {
    return Duration.ofMillis(pollMs);
  }

  Duration probeTimeout() {
    return Duration.ofSeconds(probeTimeoutSeconds);
  }
}
