package dev.empath.bench.chaos;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.projector.app.ProjectorClients;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.rebuild.KeyspaceDump;
import dev.empath.projector.rebuild.Rebuilder;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.test.TestRecord;
import redis.clients.jedis.UnifiedJedis;

/** The checks run once the load has stopped and every stage has caught up. */
final class FinalChecks {

  static final String EMOTION_COMPONENT = "empath-stream-emotion";
  static final String NARRATIVE_COMPONENT = "empath-stream-narrative";
  static final String PROJECTOR_COMPONENT = "memory-projector";

  private final EmpathConfig config;
  private final TopicCatalog topics;
  private final UnifiedJedis redis;
  private final Path workDir;

  FinalChecks(EmpathConfig config, TopicCatalog topics, UnifiedJedis redis, Path workDir) {
    this.config = config;
    this.topics = topics;
    this.redis = redis;
    this.workDir = workDir;
  }

  private final List<String> timings = new ArrayList<>();
  private long lap = System.nanoTime();

  /** How long each step of {@link #run()} took. */
  List<String> timings() {
    return timings;
  }

  private void lap(String step) {
    long now = System.nanoTime();
    timings.add(String.format("%s %.1f s", step, (now - lap) / 1e9));
    lap = now;
  }

  Verdict run() throws Exception {
    lap = System.nanoTime();
    var behaviour = TopicDump.read(config, topics.behavior().name());
    var interaction = TopicDump.read(config, topics.interaction().name());
    var emotion = TopicDump.read(config, topics.emotion().name());
    var narrative = TopicDump.read(config, topics.narrative().name());

    lap("reading the topics");
    CleanRun clean = new CleanRun(config, topics, java.nio.file.Files.createDirectories(workDir));
    Comparison emotionCheck =
        Comparison.of(
            topics.emotion().name(),
            Comparison.byKey(expected(clean.emotion(behaviour))),
            Comparison.byKey(actual(emotion)));
    Comparison narrativeCheck =
        Comparison.of(
            topics.narrative().name(),
            Comparison.byKey(expected(clean.narrative(emotion))),
            Comparison.byKey(actual(narrative)));

    lap("clean run");
    Verdict.Generations generations = generations();
    lap("generation results");

    Keyspace live = new Keyspace(ActiveVersion.read(redis));
    Rebuilder rebuilder =
        new Rebuilder(
            () -> ProjectorClients.assignedConsumer(config),
            redis,
            new ProjectedTopics(topics),
            ProjectorSettings.from(config),
            Duration.ZERO);
    Keyspace rebuilt = rebuilder.build(live);
    SortedMap<String, String> projected = KeyspaceDump.of(redis, live);
    SortedMap<String, String> reference = KeyspaceDump.of(redis, rebuilt);
    List<String> differences = differences(projected, reference);
    lap("clean rebuild and dumps");

    DeadLetterCheck.Result deadLetters =
        DeadLetterCheck.of(
            Map.of(
                topics.behavior().name(), List.of(EMOTION_COMPONENT),
                topics.interaction().name(), List.of(NARRATIVE_COMPONENT, PROJECTOR_COMPONENT)),
            Map.of(topics.behavior().name(), behaviour, topics.interaction().name(), interaction),
            TopicDump.read(config, topics.deadLetter().name()));
    lap("dead letters");
    return new Verdict(
        emotionCheck, narrativeCheck, generations, differences, projected.size(), deadLetters);
  }

  private Verdict.Generations generations() throws InvalidProtocolBufferException {
    Map<String, Integer> requests = new HashMap<>();
    for (var partition : TopicDump.read(config, topics.generationRequest().name()).values()) {
      for (ConsumerRecord<byte[], byte[]> r : partition) {
        requests.merge(GenerationRequest.parseFrom(r.value()).getRequestId(), 1, Integer::sum);
      }
    }
    Map<String, Integer> results = new HashMap<>();
    long resultCount = 0;
    for (var partition : TopicDump.read(config, topics.generationResult().name()).values()) {
      for (ConsumerRecord<byte[], byte[]> r : partition) {
        results.merge(GenerationResult.parseFrom(r.value()).getRequestId(), 1, Integer::sum);
        resultCount++;
      }
    }
    long missing = 0;
    long duplicated = 0;
    for (String id : requests.keySet()) {
      int n = results.getOrDefault(id, 0);
      if (n == 0) {
        missing++;
      } else {
        duplicated += n - 1;
      }
    }
    long orphans = results.keySet().stream().filter(id -> !requests.containsKey(id)).count();
    long requestCount = requests.values().stream().mapToLong(Integer::longValue).sum();
    return new Verdict.Generations(requestCount, resultCount, missing, duplicated, orphans);
  }

  private static List<Comparison.KeyedValue> expected(
      Map<Integer, List<TestRecord<byte[], byte[]>>> partitions) {
    List<Comparison.KeyedValue> out = new ArrayList<>();
    partitions
        .values()
        .forEach(
            records ->
                records.forEach(r -> out.add(new Comparison.KeyedValue(text(r.key()), r.value()))));
    return out;
  }

  private static List<Comparison.KeyedValue> actual(
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> partitions) {
    List<Comparison.KeyedValue> out = new ArrayList<>();
    partitions
        .values()
        .forEach(
            records ->
                records.forEach(r -> out.add(new Comparison.KeyedValue(text(r.key()), r.value()))));
    return out;
  }

  private static List<String> differences(
      SortedMap<String, String> projected, SortedMap<String, String> reference) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(projected.keySet());
    keys.addAll(reference.keySet());
    for (String key : keys) {
      String a = projected.get(key);
      String b = reference.get(key);
      if (a == null) {
        out.add("only in the rebuild: " + key);
      } else if (b == null) {
        out.add("only in the projection: " + key);
      } else if (!a.equals(b)) {
        out.add("differs: " + key);
      }
    }
    return out;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
