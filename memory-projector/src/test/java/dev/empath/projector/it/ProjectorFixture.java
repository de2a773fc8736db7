package dev.empath.projector.it;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisClusterExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.app.ProjectorClients;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.rebuild.KeyspaceDump;
import dev.empath.projector.rebuild.Rebuilder;
import dev.empath.projector.store.OffsetStore;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.UnifiedJedis;

/** A topic set, a projector configuration and an event generator for one integration test. */
final class ProjectorFixture implements AutoCloseable {

  static final long T0 = 1_700_000_000_000L;

  final KafkaExtension kafka;
  final TopicCatalog catalog;
  final ProjectedTopics topics;
  final EmpathConfig config;
  final Producer<String, byte[]> producer;
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
  private int sequence;

  ProjectorFixture(KafkaExtension kafka, RedisExtension redis) {
    this(kafka, Map.of(EmpathConfig.REDIS_URL, redis.uri()));
  }

  /** On a Redis Cluster: every client the projector opens uses it. */
  ProjectorFixture(KafkaExtension kafka, RedisClusterExtension cluster) {
    this(kafka, Map.of(PlatformConfigKeys.REDIS_CLUSTER_NODES.name(), cluster.nodeList()));
  }

  private ProjectorFixture(KafkaExtension kafka, Map<String, String> redisSettings) {
    this.kafka = kafka;
    this.catalog = TopicCatalog.withPrefix(kafka.uniqueName("proj") + ".");
    this.topics = new ProjectedTopics(catalog);
    Map<String, String> settings = new HashMap<>(redisSettings);
    settings.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(
        EmpathConfig.TOPIC_PREFIX, catalog.behavior().name().replace("empath.behavior.v1", ""));
    this.config = EmpathConfig.of(settings);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(catalog.all());
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    props.put("acks", "all");
    props.put("linger.ms", "5");
    // A loaded machine must slow the test down, not lose a record and fail an equality far away.
    props.put("delivery.timeout.ms", "600000");
    // One batch in flight per partition: a batch retried after NOT_LEADER_OR_FOLLOWER on a
    // just-created topic then cannot leave a later one failing with OutOfOrderSequence.
    props.put("max.in.flight.requests.per.connection", "1");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  ProjectorSettings settings() {
    ProjectorSettings d = ProjectorSettings.defaults(kafka.uniqueName("group"));
    return new ProjectorSettings(
        d.groupId(),
        d.rules(),
        d.maxRetries(),
        Duration.ofMillis(20),
        Duration.ofMillis(500),
        Duration.ofMillis(100),
        Duration.ofMillis(200),
        d.cacheEntries());
  }

  ProjectorService startProjector() {
    return ProjectorService.start(config, catalog, settings());
  }

  ProjectorService startProjector(ProjectorSettings settings) {
    return ProjectorService.start(config, catalog, settings);
  }

  /** A projector taking small polls: many small atomic batches, so a kill lands mid-stream. */
  ProjectorService startSmallBatchProjector() {
    return ProjectorService.start(
        config.with(EmpathConfig.KAFKA_CLIENT_PREFIX + "max.poll.records", "40"),
        catalog,
        settings());
  }

  /** A deterministic mix of all four projected event types over a few games, sessions, NPCs. */
  void produceMixed(int count) {
    for (int n = 0; n < count; n++) {
      int i = sequence++;
      String game = "game-" + (i % 2);
      String session = "s-" + (i % 7);
      String player = "p-" + (i % 7);
      String character = "npc-" + (i % 5);
      long at = T0 + i * 1_000L;
      switch (i % 4) {
        case 0 ->
            send(
                catalog.interaction(),
                character,
                CharacterInteraction.newBuilder()
                    .setEventId("i" + i)
                    .setGameId(game)
                    .setPlayerId(player)
                    .setSessionId(session)
                    .setCharacterId(character)
                    .setTimestampMs(at)
                    .setKind(InteractionKind.forNumber(1 + i % 8))
                    .setImpact(((i * 37) % 21 - 10) / 10f)
                    .setSummary("interaction " + i)
                    .build());
        case 1 ->
            send(
                catalog.emotion(),
                session,
                EmotionPrediction.newBuilder()
                    .setPredictionId("x" + i)
                    .setGameId(game)
                    .setPlayerId(player)
                    .setSessionId(session)
                    .setTimestampMs(at)
                    .setDominantEmotion(i % 3 == 0 ? "joy" : "frustration")
                    .setConfidence(0.5f)
                    .putAllScores("joy", 0.4f)
                    .putAllScores("frustration", 0.6f)
                    .setValence(0.1f)
                    .setArousal(0.4f)
                    .setEventsSeen(i)
                    .build());
        case 2 ->
            send(
                catalog.narrative(),
                session,
                NarrativeDecision.newBuilder()
                    .setDecisionId("d" + i)
                    .setGameId(game)
                    .setPlayerId(player)
                    .setSessionId(session)
                    .setTimestampMs(at)
                    .setPhase(PacingPhase.forNumber(1 + i % 4))
                    .setIntensity(0.3f)
                    .setPolicyVersion("v1")
                    .build());
        default ->
            send(
                catalog.generationResult(),
                session,
                GenerationResult.newBuilder()
                    .setRequestId("r" + i)
                    .setGameId(game)
                    .setSessionId(session)
                    .setPlayerId(player)
                    .setCharacterId(character)
                    .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
                    .setStatus(
                        i % 5 == 0
                            ? GenerationStatus.GENERATION_STATUS_FAILED
                            : GenerationStatus.GENERATION_STATUS_SUCCEEDED)
                    .setText(i % 5 == 0 ? "" : "line " + i)
                    .setProvider("offline")
                    .setModel("templates")
                    .setTokensIn(3)
                    .setTokensOut(7)
                    .setLatencyMs(2)
                    .setCostUsd(0.0001)
                    .setCompletedAtMs(at)
                    .build());
      }
    }
    producer.flush();
    Exception failed = sendFailure.get();
    if (failed != null) {
      throw new IllegalStateException("a fixture record was not written", failed);
    }
  }

  <V extends Message> void send(TopicSpec<String, V> topic, String key, V value) {
    producer.send(
        new ProducerRecord<>(topic.name(), key, value.toByteArray()),
        (metadata, e) -> {
          if (e != null) {
            sendFailure.compareAndSet(null, e);
          }
        });
  }

  void sendRaw(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  /** End offset of every projected partition. */
  Map<TopicPartition, Long> endOffsets() {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicSpec<?, ?> spec : topics.specs()) {
      for (int p = 0; p < spec.partitions(); p++) {
        request.put(new TopicPartition(spec.name(), p), OffsetSpec.latest());
      }
    }
    try {
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info =
          kafka.adminClient().listOffsets(request).all().get();
      Map<TopicPartition, Long> out = new HashMap<>();
      info.forEach((tp, i) -> out.put(tp, i.offset()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code keys} holds every partition's end offset. */
  boolean caughtUp(UnifiedJedis client, Keyspace keys) {
    Map<TopicPartition, Long> ends = endOffsets();
    Map<TopicPartition, Long> stored = new OffsetStore(client).read(keys, ends.keySet());
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      long have = stored.getOrDefault(end.getKey(), 0L);
      if (have < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  void awaitCaughtUp(UnifiedJedis client, Keyspace keys) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> caughtUp(client, keys));
  }

  Rebuilder rebuilder(UnifiedJedis client, Duration grace) {
    return new Rebuilder(
        () -> ProjectorClients.assignedConsumer(config), client, topics, settings(), grace);
  }

  /** A clean build of everything in the topics into the next version (no switch). */
  Keyspace cleanBuild(UnifiedJedis client, Keyspace after) {
    return rebuilder(client, Duration.ZERO).build(after);
  }

  static SortedMap<String, String> dump(UnifiedJedis client, Keyspace keys) {
    return KeyspaceDump.of(client, keys);
  }

  static List<String> diff(SortedMap<String, String> a, SortedMap<String, String> b) {
    List<String> out = new ArrayList<>();
    for (String k : a.keySet()) {
      if (!b.containsKey(k)) {
        out.add("only in first: " + k);
      } else if (!a.get(k).equals(b.get(k))) {
        out.add("differs: " + k);
      }
    }
    for (String k : b.keySet()) {
      if (!a.containsKey(k)) {
        out.add("only in second: " + k);
      }
    }
    return out;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
