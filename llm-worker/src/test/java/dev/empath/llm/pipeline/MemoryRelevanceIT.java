package dev.empath.llm.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.empath.llm.FakeProviders.CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.llm.FakeProviders;
import dev.empath.llm.TestServices;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.narrative.config.NarrativeConfigKeys;
import dev.empath.narrative.content.LastWords;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.streams.StreamsService;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.app.ProjectorService;
import dev.empath.projector.config.ProjectorConfigKeys;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.readmodel.ReadModel;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.InteractionKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory relevance through the real topics: interactions go through memory-projector into Redis and
 * through stream-narrative into a session's last words; a prediction makes stream-narrative ask for
 * an NPC line, and the llm-worker's prompt to a local OpenAI-format server ranks the memory the
 * player's last words are about above a more recent one they are not.
 */
class MemoryRelevanceIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final String GAME = "game-rel";
  static final String CHARACTER = "aria"; // has a persona card in TestServices.config
  static final String RELEVANT = "gave the healing herb";
  static final String RECENT_IRRELEVANT = "complained about the weather";

  @TempDir Path stateDir;

  private final AutoCloser running = new AutoCloser();
  private WireMockServer provider;
  private TopicCatalog topics;
  private EmpathConfig config;
  private String session;
  private String player;

  @BeforeEach
  void startThePipeline() {
    provider = FakeProviders.start();
    FakeProviders.answer(provider, FakeProviders.ok("I kept it safe for you."));
    String prefix = kafka.uniqueName("rel") + ".";
    topics = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(topics.all());
    Map<String, String> c = TestServices.config(redis.uri());
    TestServices.openAi(c, "openai", provider.baseUrl());
    c.put("empath.llm.providers", "openai");
    c.put("empath.llm.group.id", kafka.uniqueName("llm-group"));
    c.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    c.put(EmpathConfig.TOPIC_PREFIX, prefix);
    c.put(NarrativeConfigKeys.APPLICATION_ID.name(), kafka.uniqueName("narrative"));
    c.put(ProjectorConfigKeys.GROUP_ID.name(), kafka.uniqueName("projector"));
    c.put("kafka.streams.state.dir", stateDir.toString());
    config = EmpathConfig.of(c);
    session = kafka.uniqueName("session");
    player = kafka.uniqueName("player");

    running.add(ProjectorService.start(config, topics, ProjectorSettings.from(config)));
    LaunchedService narrativeService =
        running.add(
            ServiceBootstrap.launch(config.with("empath.ops.port", "-1"), new NarrativeApp()));
    KafkaStreams narrative = ((StreamsService) narrativeService.service()).streams();
    running.add(LlmWorker.create(new LlmWorkerSettings(config), redis.client()).start());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> narrative.state() == KafkaStreams.State.RUNNING);
    running.narrative = narrative;
  }

  @AfterEach
  void stopThePipeline() {
    running.close();
    provider.stop();
  }

  @Test
  void aMemoryThePlayersLastWordsAreAboutOutranksAMoreRecentOne() {
    long now = System.currentTimeMillis();
    // Same kind and impact, so the same importance: only recency and relevance tell them apart.
    send(
        topics.interaction(),
        CHARACTER,
        interaction("herb", now - 180_000, InteractionKind.INTERACTION_KIND_GIFT, RELEVANT, ""),
        interaction(
            "weather", now - 120_000, InteractionKind.INTERACTION_KIND_GIFT, RECENT_IRRELEVANT, ""),
        interaction(
            "asks",
            now - 60_000,
            InteractionKind.INTERACTION_KIND_TALK,
            "spoke up",
            "Do you still have the healing herb?"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                ReadModel.create(redis.client())
                        .characters()
                        .recentMemories(GAME, CHARACTER, player, 10)
                        .size()
                    == 3);
    await().atMost(Duration.ofSeconds(60)).until(() -> lastWordsOfTheSession().isPresent());

    // The session's first decision asks for an NPC line, due 2 s after the prediction's event
    // time: set ahead of the clock so that a slow machine still gets the line from the provider.
    send(topics.emotion(), session, frustrated(System.currentTimeMillis() + 30_000));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> provider.verify(1, postRequestedFor(urlEqualTo(CHAT))));
    List<LoggedRequest> calls = provider.findAll(postRequestedFor(urlEqualTo(CHAT)));
    String prompt = calls.get(0).getBodyAsString();
    assertThat(prompt).contains(RELEVANT).contains(RECENT_IRRELEVANT);
    assertThat(prompt.indexOf(RELEVANT))
        .as("the memory the player's words are about comes first, though older: %s", prompt)
        .isLessThan(prompt.indexOf(RECENT_IRRELEVANT));
    assertThat(prompt).as("the line answers them").contains("Do you still have the healing herb?");
  }

  /** The session's entry in stream-narrative's last-words store, once the words got there. */
  private Optional<LastWords> lastWordsOfTheSession() {
    try {
      ReadOnlyKeyValueStore<String, LastWords> store =
          running.narrative.store(
              StoreQueryParameters.fromNameAndType(
                  NarrativeTopology.LAST_WORDS_STORE, QueryableStoreTypes.keyValueStore()));
      return Optional.ofNullable(store.get(session));
    } catch (RuntimeException e) {
      return Optional.empty(); // not queryable yet (rebalancing)
    }
  }

  private CharacterInteraction interaction(
      String id, long at, InteractionKind kind, String summary, String text) {
    return CharacterInteraction.newBuilder()
        .setEventId(session + "-" + id)
        .setGameId(GAME)
        .setPlayerId(player)
        .setSessionId(session)
        .setCharacterId(CHARACTER)
        .setTimestampMs(at)
        .setKind(kind)
        .setImpact(0.5f)
        .setSummary(summary)
        .setPlayerText(text)
        .build();
  }

  private EmotionPrediction frustrated(long at) {
    return EmotionPrediction.newBuilder()
        .setPredictionId(session + "-p1")
        .setGameId(GAME)
        .setPlayerId(player)
        .setSessionId(session)
        .setCharacterId(CHARACTER)
        .setSceneId("scene-1")
        .setTimestampMs(at)
        .setDominantEmotion("frustration")
        .setConfidence(0.8f)
        .putAllScores("frustration", 0.6f)
        .putAllScores("calm", 0.4f)
        .setValence(-0.3f)
        .setArousal(0.4f)
        .setModelVersion("test-model")
        .setEventsSeen(10)
        .build();
  }

  @SafeVarargs
  private <V> void send(TopicSpec<String, V> topic, String key, V... values) {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(config, "test-producer"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      for (V v : values) {
        producer.send(new ProducerRecord<>(topic.name(), key, v));
      }
      producer.flush();
    }
  }

  /** The pipeline's services, closed in reverse order of start. */
  private static final class AutoCloser implements AutoCloseable {
    private final java.util.Deque<AutoCloseable> open = new java.util.ArrayDeque<>();
    KafkaStreams narrative;

    <T extends AutoCloseable> T add(T resource) {
      open.push(resource);
      return resource;
    }

    @Override
    public void close() {
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          throw new IllegalStateException("could not stop the pipeline", e);
        }
      }
    }
  }
}
