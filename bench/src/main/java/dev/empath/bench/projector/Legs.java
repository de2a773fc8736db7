package dev.empath.bench.projector;

import com.google.protobuf.Message;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.projector.app.ProjectorClients;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.decode.RejectedRecords;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.fold.WorkingSet;
import dev.empath.projector.loop.ProjectorLoop;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.UnifiedJedis;

/**
 * The three ways the benchmark reads every record of the topics once, from the beginning: the
 * projector itself, the same decoding and folding without Redis, and a bare consumer.
 */
final class Legs {

  private final EmpathConfig config;
  private final ProjectedTopics topics;
  private final ProjectorSettings settings;
  private final CpuClock cpu;

  // Written once per leg so the JIT cannot drop the work the leg times.
  private volatile long sink;

  Legs(EmpathConfig config, ProjectedTopics topics, ProjectorSettings settings, CpuClock cpu) {
    this.config = config;
    this.topics = topics;
    this.settings = settings;
    this.cpu = cpu;
  }

  /**
   * A Redis the projector leg writes to: its client (one node or a cluster), how to empty it, and
   * the clock of its nodes' CPU.
   */
  record Target(UnifiedJedis redis, Runnable flush, CpuClock nodes) {}

  /**
   * The projector as in a rebuild (partitions assigned, no group): the same loop and commit path as
   * the live projector, into an empty Redis (one node or a cluster).
   */
  Run projector(Target target) {
    target.flush().run();
    UnifiedJedis redis = target.redis();
    try (Consumer<byte[], byte[]> consumer = ProjectorClients.assignedConsumer(config)) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions(consumer));
      ProjectorLoop loop =
          ProjectorLoop.rebuild(
              consumer,
              redis,
              RejectedRecords.alreadyDeadLettered(),
              topics,
              settings,
              new Keyspace(1),
              ends,
              n -> {});
      double[] nodesStart = target.nodes().nodeSeconds();
      double cpuStart = cpu.seconds() + sum(nodesStart);
      long start = System.nanoTime();
      loop.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] nodesEnd = target.nodes().nodeSeconds();
      double cpuSeconds = cpu.seconds() + sum(nodesEnd) - cpuStart;
      double busiest = 0;
      for (int i = 0; i < nodesEnd.length; i++) {
        busiest = Math.max(busiest, (nodesEnd[i] - nodesStart[i]) / seconds);
      }
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      if (loop.stats().projected() != total) {
        throw new IllegalStateException(
            "projected " + loop.stats().projected() + " of " + total + " records");
      }
      return new Run(total, seconds, cpuSeconds, busiest);
    }
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  /**
   * Decodes and folds every record like the projector (each poll's records of a partition
   * together), into memory: every stored state starts absent and stays loaded, no Redis is read or
   * written. The projector's own work without Redis, the baseline of its quality bar.
   */
  Run foldOnly() {
    EventFold fold = new EventFold(new Keyspace(1), settings.rules());
    WorkingSet state = new WorkingSet();
    long[] writes = {0};
    Run run =
        readAll(
            polled -> {
              long records = 0;
              for (TopicPartition tp : polled.partitions()) {
                List<Message> events = decode(fold, state, polled.records(tp));
                writes[0] += fold.applyAll(events, state).size();
                records += events.size();
              }
              return records;
            });
    sink = writes[0];
    return run;
  }

  /** Reads the records' bytes and nothing else: what the broker and consumer cost. */
  Run bare() {
    long[] bytes = {0};
    Run run =
        readAll(
            polled -> {
              for (ConsumerRecord<byte[], byte[]> r : polled) {
                bytes[0] += r.value().length;
              }
              return polled.count();
            });
    sink = bytes[0];
    return run;
  }

  /**
   * Decodes a partition's records like the projector; what their fold reads starts absent (an empty
   * Redis) and stays in {@code state} from then on.
   */
  private List<Message> decode(
      EventFold fold, WorkingSet state, List<ConsumerRecord<byte[], byte[]>> records) {
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
   * Reads every record of the topics once from the beginning with a plain assigned consumer, timed;
   * {@code perPoll} handles each poll and returns how many records it counted.
   */
  private Run readAll(ToLongFunction<ConsumerRecords<byte[], byte[]>> perPoll) {
    try (Consumer<byte[], byte[]> consumer = ProjectorClients.assignedConsumer(config)) {
      List<TopicPartition> partitions = partitions(consumer);
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

  private static boolean reached(
      Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
    List<TopicPartition> out = new ArrayList<>();
    for (TopicSpec<String, ?> spec : topics.specs()) {
      consumer
          .partitionsFor(spec.name())
          .forEach(p -> out.add(new TopicPartition(spec.name(), p.partition())));
    }
    return out;
  }
}
