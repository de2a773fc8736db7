package dev.empath.bench.chaos;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.UnifiedJedis;

/**
 * How far each stage of the pipeline has got: the Streams applications and the LLM worker by their
 * group's committed offsets (committed in the same transactions as their output), the projector by
 * the offsets stored in Redis with its writes. A stage has caught up with a set of targets when it
 * stands at or past each one on its input partitions.
 */
final class Progress implements AutoCloseable {

  /** A stage, its input topics, and where its position lives. */
  record Stage(String name, String group, List<String> inputs) {}

  private static final long TIMEOUT_MS = 5_000;

  private final TopicCatalog topics;
  private final Admin admin;
  private final UnifiedJedis redis;
  private final LastRecords lastRecords;
  private final List<Stage> stages;

  Progress(EmpathConfig config, TopicCatalog topics, UnifiedJedis redis) {
    this.topics = topics;
    var props = KafkaClientConfigs.common(config, "chaos-progress");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    this.admin = Admin.create(props);
    this.redis = redis;
    this.lastRecords = new LastRecords(config);
    this.stages =
        List.of(
            new Stage(
                ChaosStack.EMOTION, "empath-stream-emotion", List.of(topics.behavior().name())),
            new Stage(
                ChaosStack.NARRATIVE,
                "empath-stream-narrative",
                List.of(topics.emotion().name(), topics.interaction().name())),
            new Stage(
                ChaosStack.LLM, "empath-llm-worker", List.of(topics.generationRequest().name())),
            new Stage(
                ChaosStack.PROJECTOR,
                null,
                List.of(
                    topics.interaction().name(),
                    topics.emotion().name(),
                    topics.narrative().name(),
                    topics.generationResult().name())));
  }

  /** Every input partition of every stage, the internal repartition topics included. */
  Set<TopicPartition> inputs() throws Exception {
    Set<String> names = new TreeSet<>();
    for (Stage s : stages) {
      names.addAll(s.inputs());
    }
    names.addAll(repartitionTopics());
    Set<TopicPartition> out = new java.util.HashSet<>();
    admin
        .describeTopics(names)
        .allTopicNames()
        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .forEach(
            (name, d) ->
                d.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
    return out;
  }

  /** The offset after the last committed record of every input partition. */
  Map<TopicPartition, Long> targets() throws Exception {
    return lastRecords.of(inputs());
  }

  /** The stages that stand before one of {@code targets} on their inputs, with the first gap. */
  Map<String, String> behind(Map<TopicPartition, Long> targets) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (Stage stage : stages) {
      Map<TopicPartition, Long> at = positions(stage);
      for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
        if (!consumes(stage, t.getKey().topic())) {
          continue;
        }
        long position = at.getOrDefault(t.getKey(), -1L);
        if (position < t.getValue()) {
          out.put(stage.name(), t.getKey() + " at " + position + " of " + t.getValue());
          break;
        }
      }
    }
    return out;
  }

  /**
   * Waits until no stage is behind {@code targets}; returns the stages still behind on time-out.
   */
  Map<String, String> awaitCaughtUp(Map<TopicPartition, Long> targets, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> behind = Map.of("all", "not asked yet");
    while (System.nanoTime() < deadline) {
      try {
        behind = behind(targets);
        if (behind.isEmpty()) {
          return behind;
        }
      } catch (Exception e) {
        behind = Map.of("all", "unreachable: " + e);
      }
      TimeUnit.MILLISECONDS.sleep(200); // polling other processes' progress
    }
    return behind;
  }

  private boolean consumes(Stage stage, String topic) {
    return stage.inputs().contains(topic)
        || (stage.group() != null && topic.startsWith(stage.group() + "-"));
  }

  private Map<TopicPartition, Long> positions(Stage stage) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (stage.group() == null) {
      Keyspace keys = new Keyspace(ActiveVersion.read(redis));
      redis
          .hgetAll(keys.offsets())
          .forEach(
              (field, value) -> {
                int slash = field.lastIndexOf('/');
                out.put(
                    new TopicPartition(
                        field.substring(0, slash), Integer.parseInt(field.substring(slash + 1))),
                    Long.parseLong(value));
              });
      return out;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(stage.group())
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    committed.forEach(
        (tp, o) -> {
          if (o != null) {
            out.put(tp, o.offset());
          }
        });
    return out;
  }

  private List<String> repartitionTopics() throws Exception {
    List<String> out = new ArrayList<>();
    for (String name : admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
      for (Stage s : stages) {
        if (s.group() != null
            && name.startsWith(s.group() + "-")
            && name.endsWith("-repartition")) {
          out.add(name);
        }
      }
    }
    return out;
  }

  TopicCatalog topics() {
    return topics;
  }

  @Override
  public void close() {
    lastRecords.close();
    admin.close(Duration.ofSeconds(5));
  }
}
