package dev.empath.bench.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The benchmark's knobs, as {@code key=value} arguments; the defaults keep a run under about three
 * minutes on a two-core machine.
 *
 * @param rates target rates of the ramp, ascending; the latency rate is always among them
 * @param step how long each ramp step publishes
 * @param latencyRate the background rate at which latency is measured
 * @param latencyWindow how long the latency step publishes (probes run inside it)
 * @param probeInterval one probe per interval
 * @param pollInterval how often a probe asks the API
 * @param probeTimeout when a probe gives up
 */
record E2eOptions(
    List<Integer> rates,
    Duration step,
    int latencyRate,
    Duration latencyWindow,
    Duration probeInterval,
    Duration pollInterval,
    Duration probeTimeout) {

  static final String USAGE =
      "bench/e2e [rates=1000,2000,5000,10000,15000,20000,30000,40000] [step-seconds=10] [latency-rate=5000]"
          + " [latency-seconds=30] [probe-interval-ms=100] [poll-ms=3] [probe-timeout-s=10]";

  static E2eOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + arg + "'; " + USAGE);
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int latencyRate = Integer.parseInt(values.getOrDefault("latency-rate", "5000"));
    TreeSet<Integer> rates = new TreeSet<>();
    Arrays.stream(
            values.getOrDefault("rates", "1000,2000,5000,10000,15000,20000,30000,40000").split(","))
        .map(String::trim)
        .map(Integer::parseInt)
        .forEach(rates::add);
    rates.add(latencyRate);
    E2eOptions options =
        new E2eOptions(
            List.copyOf(rates),
            Duration.ofSeconds(Long.parseLong(values.getOrDefault("step-seconds", "10"))),
            latencyRate,
            Duration.ofSeconds(Long.parseLong(values.getOrDefault("latency-seconds", "30"))),
            Duration.ofMillis(Long.parseLong(values.getOrDefault("probe-interval-ms", "100"))),
            Duration.ofMillis(Long.parseLong(values.getOrDefault("poll-ms", "3"))),
            Duration.ofSeconds(Long.parseLong(values.getOrDefault("probe-timeout-s", "10"))));
    values.keySet().stream()
        .filter(
            k ->
                !List.of(
                        "rates",
                        "step-seconds",
                        "latency-rate",
                        "latency-seconds",
                        "probe-interval-ms",
                        "poll-ms",
                        "probe-timeout-s")
                    .contains(k))
        .findFirst()
        .ifPresent(
            k -> {
              throw new IllegalArgumentException("unknown option '" + k + "'; " + USAGE);
            });
    return options;
  }

  Duration durationOf(int rate) {
    return rate == latencyRate ? latencyWindow : step;
  }
}
