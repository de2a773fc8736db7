package dev.empath.bench.projector;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.JitWarmUp;
import dev.empath.embedded.EmbeddedRedisCluster;
import dev.empath.embedded.KafkaEndpoint;
import dev.empath.embedded.RedisServerHandle;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.schemas.topic.TopicCatalog;
import java.net.URI;
import java.time.Duration;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * The memory projector's quality bars: events/s it folds into Redis (decode + validate + fold +
 * atomic Lua commit with the offset, pipelined per poll) against its own decode+fold-only leg, the
 * same work in memory without Redis, in the same run on the same broker ({@code
 * projector_vs_fold_only_consumer}); and the same projector on a Redis Cluster of 3 primaries with
 * a replica each (per-slot commits, WAIT for the replica) against the single node ({@code
 * projector_cluster_vs_single}), with the busiest Redis node's CPU share of each. A bare consumer
 * reading the same records' bytes is reported for context.
 */
@Command(
    name = "bench/projector",
    description =
        "memory-projector events/s into Redis against its own decode+fold-only leg (without"
            + " Redis), on a 3-primary Redis Cluster against the single node, and a bare"
            + " consumer; the default run takes about 2 minutes.")
public final class ProjectorBenchmark implements Callable<Integer> {

  /** Warm-up rounds end once one spent less than this share of its time in the JIT compilers. */
  private static final double WARM_UP_QUIET_SHARE = 0.05;

  private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(90);
  private static final String PREFIX = "bench-projector.";

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  private boolean help;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "100000",
      paramLabel = "EVENTS",
      description = "events produced over the four projected topics (default ${DEFAULT-VALUE})")
  private int events;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "timed rounds of every leg after the warm-up; the best counts (default 3)")
  private int rounds;

  public static void main(String[] args) {
    // Broker chatter would bury the results; set before the first logger exists.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(new CommandLine(new ProjectorBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (events < 1 || rounds < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "EVENTS and --rounds must be at least 1");
    }
    BenchReport report = BenchReport.stdout();
    try (KafkaEndpoint kafka = KafkaEndpoint.start();
        RedisServerHandle redisServer = RedisServerHandle.start();
        RedisClient redis = RedisConnections.open(redisServer.uri());
        EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(3, 1);
        RedisClusterClient clusterClient =
            (RedisClusterClient)
                RedisConnections.openAny("redis-cluster://" + cluster.nodeList())) {
      TopicCatalog catalog = TopicCatalog.withPrefix(PREFIX);
      EmpathConfig config =
          EmpathConfig.of(
              Map.of(
                  EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                  EmpathConfig.REDIS_URL, redisServer.uri(),
                  EmpathConfig.TOPIC_PREFIX, PREFIX));
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        new TopicProvisioner(admin, Optional.empty()).ensure(catalog.all());
      }
      ProjectedTopics topics = new ProjectedTopics(catalog);
      report.info("producing %d events over %d topics", events, topics.names().size());
      long producedAt = System.nanoTime();
      new EventMix(catalog, kafka.bootstrapServers()).produce(events);
      report.info("produced in %.1f s", (System.nanoTime() - producedAt) / 1e9);

      Legs legs =
          new Legs(config, topics, ProjectorSettings.defaults("bench"), new CpuClock(List.of()));
      URI single = URI.create(redisServer.uri());
      Legs.Target one =
          new Legs.Target(
              redis,
              redis::flushAll,
              new CpuClock(List.of(new HostAndPort(single.getHost(), single.getPort()))));
      Legs.Target three =
          new Legs.Target(
              clusterClient, cluster::flushAll, new CpuClock(List.copyOf(cluster.nodes())));
      // Every leg once per round until the JIT compilers are quiet: best-of rounds of a few hundred
      // milliseconds each would otherwise compare code still being compiled.
      JitWarmUp.Outcome warm =
          JitWarmUp.untilQuiet(
              WARM_UP_QUIET_SHARE,
              WARM_UP_LIMIT,
              round -> {
                legs.bare();
                legs.foldOnly();
                legs.projector(one);
                legs.projector(three);
              });
      report.info("warm-up in rounds of every leg: %s", warm.describe());
      measure(legs, one, three, report);
    }
    return 0;
  }

  /**
   * Best of several rounds: the machine is shared, and a round that another process slowed down
   * says nothing about the code.
   */
  private void measure(Legs legs, Legs.Target one, Legs.Target three, BenchReport report) {
    Best bare = new Best();
    Best foldOnly = new Best();
    Best projector = new Best();
    Best clustered = new Best();
    for (int round = 1; round <= rounds; round++) {
      Run b = bare.add(legs.bare());
      Run f = foldOnly.add(legs.foldOnly());
      Run p = projector.add(legs.projector(one));
      Run c = clustered.add(legs.projector(three));
      report.info(
          "round %d: bare %.0f records/s, decoding+folding %.0f records/s, projector %.0f"
              + " events/s (busiest Redis %.0f%% of a core), on the cluster %.0f events/s"
              + " (busiest node %.0f%%)",
          round,
          b.rate(),
          f.rate(),
          p.rate(),
          100 * p.busiestRedisShare(),
          c.rate(),
          100 * c.busiestRedisShare());
    }
    report.metric("projector_events_per_s", projector.rate, "events/s");
    report.metric("fold_only_consumer_records_per_s", foldOnly.rate, "records/s");
    report.metric("bare_consumer_records_per_s", bare.rate, "records/s");
    report.metric("projector_cpu_us_per_event", projector.cpuMicros, "us");
    report.metric("fold_only_consumer_cpu_us_per_record", foldOnly.cpuMicros, "us");
    report.metric("bare_consumer_cpu_us_per_record", bare.cpuMicros, "us");
    report.ratio("projector_vs_bare_consumer", projector.rate, bare.rate);
    report.ratio("projector_vs_fold_only_consumer", projector.rate, foldOnly.rate);
    report.metric("projector_cluster_events_per_s", clustered.rate, "events/s");
    report.metric("projector_cluster_cpu_us_per_event", clustered.cpuMicros, "us");
    report.metric("redis_busiest_node_cpu_share_single", projector.busiestShare, "share");
    report.metric("redis_busiest_node_cpu_share_cluster", clustered.busiestShare, "share");
    report.ratio("projector_cluster_vs_single", clustered.rate, projector.rate);
  }

  /** The best rate and the lowest CPU per record of a leg's rounds. */
  private static final class Best {
    double rate;
    double cpuMicros = Double.MAX_VALUE;
    double busiestShare; // of the best round

    Run add(Run run) {
      if (run.rate() > rate) {
        busiestShare = run.busiestRedisShare();
      }
      rate = Math.max(rate, run.rate());
      cpuMicros = Math.min(cpuMicros, run.cpuMicrosPerRecord());
      return run;
    }
  }
}
