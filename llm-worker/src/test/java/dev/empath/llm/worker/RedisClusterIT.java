package dev.empath.llm.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.empath.llm.FakeProviders.CHAT;
import static dev.empath.llm.FakeProviders.answer;
import static dev.empath.llm.FakeProviders.ok;
import static dev.empath.llm.FakeProviders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisClusterExtension;
import dev.empath.llm.FakeProviders;
import dev.empath.llm.TestServices;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.budget.BudgetBuckets;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.llm.idempotency.AnsweredRequests;
import dev.empath.llm.usage.UsageLedger;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The worker on a Redis Cluster of 3 primaries with a replica each ({@code redis.cluster.nodes}):
 * memories read from the read model, budget and response cache in one slot per game, answered
 * markers spread over every slot, usage per game in its own slot; every request answered once.
 */
class RedisClusterIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisClusterExtension redis = new RedisClusterExtension();

  static WireMockServer provider;

  @BeforeAll
  static void startProvider() {
    provider = FakeProviders.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.stop();
  }

  @Test
  void answersEveryRequestOnceReadingAndWritingOnTheCluster() {
    answer(provider, ok("Onward."));
    String prefix = kafka.uniqueName("llm") + ".";
    TopicCatalog topics = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(topics.all());
    String game = redis.uniqueName("game");
    Map<String, String> config = TestServices.config("redis://ignored:6379");
    config.put("redis.cluster.nodes", redis.nodeList());
    TestServices.openAi(config, "openai", provider.baseUrl());
    config.put("empath.llm.providers", "openai");
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("empath.topic.prefix", prefix);
    config.put("empath.llm.group.id", kafka.uniqueName("llm-group"));
    config.put("empath.llm.instance.id", "cluster");
    RedisClusterClient cluster = redis.client();
    cluster.zadd(
        new Keyspace(1).memories(game, "aria", "player-1"),
        System.currentTimeMillis(),
        Json.write(
            new Memory("e1", "talk", "shared the last ration", "", 0.3, 0.9, 1_000, "s", "scene")));

    List<GenerationRequest> requests =
        IntStream.range(0, 12)
            .mapToObj(
                i -> {
                  long now = System.currentTimeMillis();
                  return request(game + "-r" + i, game)
                      .setSessionId(game + "-s" + i)
                      .setDeadlineMs(now + 30_000)
                      .build();
                })
            .toList();
    EmpathConfig settings = EmpathConfig.of(config);
    try (UnifiedJedis client = RedisConnections.open(settings);
        LlmWorker worker = LlmWorker.create(new LlmWorkerSettings(settings), client).start()) {
      assertThat(client).isInstanceOf(RedisClusterClient.class);
      produce(settings, topics, requests);
      produce(settings, topics, requests.subList(0, 4)); // duplicates, answered already
      produce(
          settings,
          topics,
          List.of(requests.get(0).toBuilder().setRequestId(game + "-end").build()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> ids(results(settings, topics)).contains(game + "-end"));
    }

    List<GenerationResult> results = results(settings, topics);
    List<String> expected =
        new ArrayList<>(requests.stream().map(GenerationRequest::getRequestId).toList());
    expected.add(game + "-end");
    assertThat(ids(results)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(results)
        .allSatisfy(
            r -> assertThat(r.getStatus()).isEqualTo(GenerationStatus.GENERATION_STATUS_SUCCEEDED));
    // The memory came from the read model on the cluster into the prompt.
    provider.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(containing("last ration")));
    // Markers on every primary's slots; usage and budget under the game's hash tag.
    assertThat(expected)
        .allSatisfy(id -> assertThat(cluster.exists(AnsweredRequests.PREFIX + id)).isTrue());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(cluster.hget(UsageLedger.key(game, "openai", "gpt-test"), "requests"))
                    .isEqualTo(Integer.toString(expected.size())));
    assertThat(cluster.smembers(UsageLedger.index(game)))
        .contains(UsageLedger.key(game, "openai", "gpt-test"));
    assertThat(cluster.exists(BudgetBuckets.key(game))).isTrue();
  }

  private static void produce(
      EmpathConfig c, TopicCatalog topics, List<GenerationRequest> requests) {
    try (KafkaProducer<String, GenerationRequest> producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(c, "test-producer"),
            topics.generationRequest().keySerde().serializer(),
            topics.generationRequest().valueSerde().serializer())) {
      for (GenerationRequest r : requests) {
        producer.send(new ProducerRecord<>(topics.generationRequest().name(), r.getSessionId(), r));
      }
      producer.flush();
    }
  }

  private static List<GenerationResult> results(EmpathConfig c, TopicCatalog topics) {
    try (KafkaConsumer<String, GenerationResult> consumer =
        new KafkaConsumer<>(
            KafkaClientConfigs.consumer(c, kafka.uniqueName("reader"), "test-reader"),
            topics.generationResult().keySerde().deserializer(),
            topics.generationResult().valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < topics.generationResult().partitions(); p++) {
        partitions.add(new TopicPartition(topics.generationResult().name(), p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<GenerationResult> out = new ArrayList<>();
      long until = System.currentTimeMillis() + 10_000;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < until) {
        for (ConsumerRecord<String, GenerationResult> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
      return out;
    }
  }

  private static List<String> ids(List<GenerationResult> results) {
    return results.stream().map(GenerationResult::getRequestId).toList();
  }
}
