package dev.empath.bench.projector;

import com.google.protobuf.Message;
import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.JitWarmUp;
import dev.empath.embedded.KafkaEndpoint;
import dev.empath.embedded.RedisServerHandle;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.app.ProjectorClients;
import dev.empath.projector.consumer.ProjectedTopics;
import dev.empath.projector.consumer.ProjectorLoop;
import dev.empath.projector.consumer.ProjectorSettings;
import dev.empath.projector.consumer.RejectedRecords;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.fold.WorkingSet;
import dev.empath.projector.store.AtomicBatchWriter;
import dev.empath.projector.store.CommitOutcome;
import dev.empath.projector.store.PartitionBatch;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.RedisClient;

/**
 * Events/s the projector folds into Redis (decode + validate + fold + atomic Lua commit with the
 * offset, pipelined per poll) against a bare consumer reading the same records' bytes, in the same
 * run on the same broker; and against the unpipelined projector (one synchronous script call per
 * record). The projector runs as in a rebuild (partitions assigned, no group), which is the same
 * loop and commit path as the live projector.
 *
 * <p>Also reported, for context: a consumer that decodes and validates every record like the
 * projector does, without writing anywhere; and one that also folds every event into writes (in
 * memory, no Redis), which is the ceiling the projector can reach on this machine whatever Redis
 * costs ({@code fold_only_vs_bare_consumer}); and the other leg alone, the folded batches committed
 * to Redis with nothing else running ({@code redis_leg_only_vs_bare_consumer}), the ceiling
 * whatever decoding and folding cost, with the share of that time the Redis server was busy.
 *
 * <p>Usage: {@code bench/projector [events]} (default 100000).
 */
public final class ProjectorBenchmark {

  /** Warm-up rounds end once one spent less than this share of its time in the JIT compilers. */
  private static final double WARM_UP_QUIET_SHARE = 0.05;

  private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(90);

  private ProjectorBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Broker chatter would bury the results; set before the first logger exists.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    BenchReport report = BenchReport.stdout();
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (KafkaEndpoint kafka = KafkaEndpoint.start();
        RedisServerHandle redisServer = RedisServerHandle.start();
        RedisClient redis = RedisConnections.open(redisServer.uri())) {
      TopicCatalog catalog = TopicCatalog.withPrefix("bench-projector.");
      EmpathConfig config =
          EmpathConfig.of(
              Map.of(
                  EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                  EmpathConfig.REDIS_URL, redisServer.uri(),
                  EmpathConfig.TOPIC_PREFIX, "bench-projector."));
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

      ProjectorSettings pipelined = ProjectorSettings.defaults("bench");
      ProjectorSettings unpipelined = pipelined.withPipelined(false);
      CpuClock cpu = new CpuClock(redis);

      // Every leg once per round until the JIT compilers are quiet: best-of rounds of a few hundred
      // milliseconds each would otherwise compare code still being compiled.
      JitWarmUp.Outcome warm =
          JitWarmUp.untilQuiet(
              WARM_UP_QUIET_SHARE,
              WARM_UP_LIMIT,
              round -> {
                bare(config, topics, false, cpu);
                bare(config, topics, true, cpu);
                foldOnly(config, topics, pipelined, cpu);
                project(config, topics, redis, pipelined, cpu);
              });
      report.info("warm-up in rounds of every leg: %s", warm.describe());

      double bareBest = 0;
      double decodingBest = 0;
      double foldingBest = 0;
      double projectorBest = 0;
      double bareCpu = Double.MAX_VALUE;
      double projectorCpu = Double.MAX_VALUE;
      // Best of several rounds: the machine is shared, and a round that another process slowed
      // down says nothing about the code.
      for (int round = 1; round <= 3; round++) {
        Run b = bare(config, topics, false, cpu);
        Run d = bare(config, topics, true, cpu);
        Run f = foldOnly(config, topics, pipelined, cpu);
        Run p = project(config, topics, redis, pipelined, cpu);
        report.info(
            "round %d: bare %.0f records/s, decoding %.0f records/s, decoding+folding %.0f"
                + " records/s, projector %.0f events/s",
            round, b.rate(), d.rate(), f.rate(), p.rate());
        bareBest = Math.max(bareBest, b.rate());
        decodingBest = Math.max(decodingBest, d.rate());
        foldingBest = Math.max(foldingBest, f.rate());
        projectorBest = Math.max(projectorBest, p.rate());
        bareCpu = Math.min(bareCpu, b.cpuMicrosPerRecord());
        projectorCpu = Math.min(projectorCpu, p.cpuMicrosPerRecord());
      }
      Run slow = project(config, topics, redis, unpipelined, cpu);
      report.info("unpipelined: %.0f events/s", slow.rate());
      List<List<PartitionBatch>> folded = foldedBatches(config, topics, pipelined, cpu);
      double redisBest = 0;
      double redisBusy = 0;
      for (int round = 1; round <= 3; round++) {
        double redisCpuStart = cpu.redisSeconds();
        Run r = redisOnly(redis, folded, cpu);
        if (r.rate() > redisBest) {
          redisBest = r.rate();
          redisBusy = (cpu.redisSeconds() - redisCpuStart) / r.seconds();
        }
      }
      report.info(
          "redis leg alone: %.0f events/s, the Redis server busy %.0f%% of the time",
          redisBest, redisBusy * 100);

      report.metric("projector_events_per_s", projectorBest, "events/s");
      report.metric("bare_consumer_records_per_s", bareBest, "records/s");
      report.metric("decoding_consumer_records_per_s", decodingBest, "records/s");
      report.metric("fold_only_consumer_records_per_s", foldingBest, "records/s");
      report.metric("projector_unpipelined_events_per_s", slow.rate(), "events/s");
      report.ratio("projector_vs_unpipelined", projectorBest, slow.rate());
      report.ratio("projector_vs_decoding_consumer", projectorBest, decodingBest);
      report.ratio("projector_vs_fold_only_consumer", projectorBest, foldingBest);
      report.ratio("fold_only_vs_bare_consumer", foldingBest, bareBest);
      report.metric("redis_leg_only_events_per_s", redisBest, "events/s");
      report.metric("redis_leg_only_redis_server_busy", redisBusy, "ratio");
      report.ratio("redis_leg_only_vs_bare_consumer", redisBest, bareBest);
      report.metric("bare_consumer_cpu_us_per_record", bareCpu, "us");
      report.metric("projector_cpu_us_per_event", projectorCpu, "us");
      report.ratio("projector_vs_bare_consumer", projectorBest, bareBest);
    }
  }

  /**
   * @param cpuSeconds CPU used meanwhile by this JVM and Redis (see {@link CpuClock})
   */
  record Run(long records, double seconds, double cpuSeconds) {
    double rate() {
      return records / seconds;
    }

    double cpuMicrosPerRecord() {
      return cpuSeconds * 1e6 / records;
    }
  }

  /**
   * @param decode also decode and validate each value, as the projector does (context for where the
   *     projector's time goes; the target ratio is against the plain bare consumer)
   */
  private static Run bare(
      EmpathConfig config, ProjectedTopics topics, boolean decode, CpuClock cpu) {
    long[] bytes = {0};
    Run run =
        readAll(
            config,
            topics,
            cpu,
            polled -> {
              for (ConsumerRecord<byte[], byte[]> r : polled) {
                bytes[0] += r.value().length;
                if (decode) {
                  sink =
                      topics.deserializer(r.topic()).deserialize(r.topic(), r.headers(), r.value());
                }
              }
              return polled.count();
            });
    total = bytes[0];
    return run;
  }

  /**
   * Decodes and folds every record like the projector (each poll's records of a partition
   * together), into memory: every stored state starts absent and stays loaded, no Redis is read or
   * written.
   */
  private static Run foldOnly(
      EmpathConfig config, ProjectedTopics topics, ProjectorSettings settings, CpuClock cpu) {
    EventFold fold = new EventFold(new Keyspace(1), settings.rules());
    WorkingSet state = new WorkingSet();
    long[] writes = {0};
    Run run =
        readAll(
            config,
            topics,
            cpu,
            polled -> {
              long records = 0;
              for (TopicPartition tp : polled.partitions()) {
                List<Message> events = decode(topics, fold, state, polled.records(tp));
                writes[0] += fold.applyAll(events, state).size();
                records += events.size();
              }
              return records;
            });
    total = writes[0];
    return run;
  }

  /**
   * Decodes a partition's records like the projector; what their fold reads starts absent (an empty
   * Redis) and stays in {@code state} from then on.
   */
  private static List<Message> decode(
      ProjectedTopics topics,
      EventFold fold,
      WorkingSet state,
      List<ConsumerRecord<byte[], byte[]>> records) {
    List<Message> events = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Message event = topics.deserializer(r.topic()).deserialize(r.topic(), r.headers(), r.value());
      for (String key : fold.keysToRead(event)) {
        if (!state.isLoaded(key)) {
          state.load(key, Optional.empty());
        }
      }
      events.add(event);
    }
    return events;
  }

  /**
   * Every poll's commit batches, folded beforehand (untimed) exactly as the projector folds them,
   * starting from an empty Redis: what {@link #redisOnly} then sends.
   */
  private static List<List<PartitionBatch>> foldedBatches(
      EmpathConfig config, ProjectedTopics topics, ProjectorSettings settings, CpuClock cpu) {
    EventFold fold = new EventFold(new Keyspace(1), settings.rules());
    WorkingSet state = new WorkingSet();
    Map<TopicPartition, Long> committed = new HashMap<>();
    List<List<PartitionBatch>> polls = new ArrayList<>();
    readAll(
        config,
        topics,
        cpu,
        polled -> {
          List<PartitionBatch> batches = new ArrayList<>();
          for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
            List<Message> events = decode(topics, fold, state, records);
            long next = records.get(records.size() - 1).offset() + 1;
            batches.add(
                new PartitionBatch(
                    tp, committed.getOrDefault(tp, -1L), next, fold.applyAll(events, state)));
            committed.put(tp, next);
          }
          polls.add(batches);
          return records(batches);
        });
    return polls;
  }

  /**
   * Only the projector's Redis leg: the folded batches of every poll committed one poll at a time
   * with the projector's atomic script (writes and offsets), as its committer does, with no
   * consuming, decoding or folding meanwhile. The most the projector could reach on this machine if
   * those cost nothing.
   */
  private static Run redisOnly(RedisClient redis, List<List<PartitionBatch>> polls, CpuClock cpu) {
    redis.flushAll();
    AtomicBatchWriter writer = new AtomicBatchWriter(redis);
    Keyspace keyspace = new Keyspace(1);
    long events = 0;
    double cpuStart = cpu.seconds();
    long start = System.nanoTime();
    for (List<PartitionBatch> batches : polls) {
      for (CommitOutcome outcome : writer.commit(keyspace, AtomicBatchWriter.Mode.BUILD, batches)) {
        if (!outcome.succeeded()) {
          throw new IllegalStateException("commit of " + outcome.partition() + ": " + outcome);
        }
      }
      events += records(batches);
    }
    return new Run(events, (System.nanoTime() - start) / 1e9, cpu.seconds() - cpuStart);
  }

  private static long records(List<PartitionBatch> batches) {
    return batches.stream().mapToLong(b -> b.next() - Math.max(0, b.expectedNext())).sum();
  }

  /**
   * Reads every record of the topics once from the beginning with a plain assigned consumer, timed;
   * {@code perPoll} handles each poll and returns how many records it counted.
   */
  private static Run readAll(
      EmpathConfig config,
      ProjectedTopics topics,
      CpuClock cpu,
      ToLongFunction<ConsumerRecords<byte[], byte[]>> perPoll) {
    try (Consumer<byte[], byte[]> consumer = ProjectorClients.assignedConsumer(config)) {
      List<TopicPartition> partitions = partitions(consumer, topics);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      double cpuStart = cpu.seconds();
      long start = System.nanoTime();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long records = 0;
      while (!reached(consumer, ends)) {
        records += perPoll.applyAsLong(consumer.poll(Duration.ofMillis(100)));
      }
      return new Run(records, (System.nanoTime() - start) / 1e9, cpu.seconds() - cpuStart);
    }
  }

  private static Run project(
      EmpathConfig config,
      ProjectedTopics topics,
      RedisClient redis,
      ProjectorSettings settings,
      CpuClock cpu) {
    redis.flushAll();
    try (Consumer<byte[], byte[]> consumer = ProjectorClients.assignedConsumer(config)) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions(consumer, topics));
      ProjectorLoop loop =
          ProjectorLoop.build(
              consumer,
              redis,
              RejectedRecords.alreadyDeadLettered(),
              topics,
              settings,
              new Keyspace(1),
              ends);
      double cpuStart = cpu.seconds();
      long start = System.nanoTime();
      loop.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = cpu.seconds() - cpuStart;
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      if (loop.stats().projected() != total) {
        throw new IllegalStateException(
            "projected " + loop.stats().projected() + " of " + total + " records");
      }
      return new Run(total, seconds, cpuSeconds);
    }
  }

  private static boolean reached(
      Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static List<TopicPartition> partitions(
      Consumer<byte[], byte[]> consumer, ProjectedTopics topics) {
    List<TopicPartition> out = new ArrayList<>();
    for (TopicSpec<String, ?> spec : topics.specs()) {
      consumer
          .partitionsFor(spec.name())
          .forEach(p -> out.add(new TopicPartition(spec.name(), p.partition())));
    }
    return out;
  }

  private static volatile Object sink;
  private static volatile long total;
}
