package dev.empath.bench.chaos;

import dev.empath.bench.harness.HelpOption;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The fault harness's knobs; the defaults kill a random component every few seconds, 30 times. */
@Command(
    name = "bench/chaos",
    description =
        "Every service, the broker and redis-server as processes of their own, under a steady load"
            + " with malformed records mixed in; every few seconds one of them is killed with"
            + " SIGKILL and restarted. At the end the topics are compared with a clean run of the"
            + " same input, the Redis projection with a clean rebuild, and the dead-letter topic"
            + " with the malformed records. Prints each round and BENCH lines (chaos_lost,"
            + " chaos_duplicated, chaos_projection_equal, ...).")
public final class ChaosOptions {

  /** Every component the harness can kill. */
  public static final List<String> ALL_TARGETS =
      List.of(
          ChaosStack.EMOTION,
          ChaosStack.NARRATIVE,
          ChaosStack.LLM,
          ChaosStack.PROJECTOR,
          ChaosStack.REDIS,
          ChaosStack.BROKER);

  @Mixin HelpOption help;

  @Option(
      names = "--rounds",
      defaultValue = "30",
      description = "kills, one per round (default: ${DEFAULT-VALUE})")
  public int rounds;

  @Option(
      names = "--interval-ms",
      defaultValue = "3000",
      description =
          "load between a recovery and the next kill, in milliseconds (default: ${DEFAULT-VALUE})")
  public long intervalMs;

  @Option(
      names = "--rate",
      defaultValue = "200",
      description = "records per second the simulator publishes (default: ${DEFAULT-VALUE})")
  public int rate;

  @Option(
      names = "--players",
      defaultValue = "40",
      description = "simulated players, one session each (default: ${DEFAULT-VALUE})")
  public int players;

  @Option(
      names = "--malformed-every",
      defaultValue = "100",
      description = "one malformed record after this many valid ones (default: ${DEFAULT-VALUE})")
  public int malformedEvery;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "partitions of every event topic (default: ${DEFAULT-VALUE})")
  public int partitions;

  @Option(
      names = "--targets",
      split = ",",
      description =
          "components to kill, comma-separated (default: all of stream-emotion, stream-narrative,"
              + " llm-worker, memory-projector, redis, broker)")
  public List<String> targets = ALL_TARGETS;

  @Option(
      names = "--order",
      defaultValue = "random",
      description = "random: a seeded random target per round; cycle: the targets in turn")
  public String order;

  @Option(
      names = "--seed",
      defaultValue = "25",
      description = "seed of the load and of the choice of targets (default: ${DEFAULT-VALUE})")
  public long seed;

  @Option(
      names = "--recovery-timeout-s",
      defaultValue = "120",
      description = "a round fails when the pipeline has not caught up by then")
  public long recoveryTimeoutSeconds;

  @Option(
      names = "--dir",
      description = "working directory (logs, broker and Redis data); default: a new temporary one")
  public Path dir;

  /** Checks what picocli cannot; a problem is one line for the user. */
  public void validate() {
    for (String target : targets) {
      if (!ALL_TARGETS.contains(target)) {
        throw new IllegalArgumentException(
            "unknown target " + target + "; known: " + String.join(",", ALL_TARGETS));
      }
    }
    if (!order.equals("random") && !order.equals("cycle")) {
      throw new IllegalArgumentException("--order is random or cycle, not " + order);
    }
    if (rounds < 0 || rate < 1 || players < 1 || partitions < 1 || malformedEvery < 1) {
      throw new IllegalArgumentException(
          "--rounds must be >= 0; --rate, --players, --partitions, --malformed-every >= 1");
    }
  }
}
