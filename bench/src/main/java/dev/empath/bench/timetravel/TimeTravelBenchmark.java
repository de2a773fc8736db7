package dev.empath.bench.timetravel;

import dev.empath.bench.harness.BenchReport;
import dev.empath.embedded.KafkaEndpoint;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.topic.TopicCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The time-travel tools' quality bars, one {@link Section} each, on one in-JVM broker: a session's
 * story ({@code story_ms}, {@code story_vs_bare_partition_read}).
 */
@Command(
    name = "bench/timetravel",
    description =
        "Time-travel tools: a session's story from a behaviour topic of --records records (6"
            + " partitions, 2,000 sessions) in ms, and its ratio to a bare read of the same"
            + " partition range; the default run takes about a minute.")
public final class TimeTravelBenchmark implements Callable<Integer> {

  private static final String PREFIX = "bench-timetravel.";

  /**
   * The sections, in the order they run; a new one (state_fold_vs_fold_only,
   * asof_vs_latest_throughput) is a class implementing {@link Section}, added here.
   */
  static List<Section> sections() {
    return List.of(new StorySection());
  }

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  private boolean help;

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description = "behaviour records in the topic (default ${DEFAULT-VALUE})")
  private int records;

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(new CommandLine(new TimeTravelBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (records < 10_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--records must be at least 10000");
    }
    BenchReport report = BenchReport.stdout();
    try (KafkaEndpoint kafka = KafkaEndpoint.start()) {
      TopicCatalog catalog = TopicCatalog.withPrefix(PREFIX);
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        new TopicProvisioner(admin, Optional.empty()).ensure(catalog.all());
      }
      EmpathConfig config =
          EmpathConfig.of(
              Map.of(
                  EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                  kafka.bootstrapServers(),
                  EmpathConfig.TOPIC_PREFIX,
                  PREFIX));
      TimeTravelSetup setup = new TimeTravelSetup(kafka, catalog, config, records);
      for (Section section : sections()) {
        report.info("section %s", section.name());
        section.run(setup, report);
      }
    }
    return 0;
  }
}
