package dev.empath.llm.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.llm.FakeProviders;
import dev.empath.llm.TestServices;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worker end to end: real broker, real Redis, a local OpenAI-format server. */
class GenerationWorkerIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static WireMockServer provider;

  private TopicCatalog topics;
  private Map<String, String> config;
  private String session;

  @BeforeAll
  static void startProvider() {
    provider = FakeProviders.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.stop();
  }

  @BeforeEach
  void freshTopics() {
    provider.resetAll();
    String prefix = kafka.uniqueName("llm") + ".";
    topics = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(topics.all());
    config = TestServices.config(redis.uri());
    TestServices.openAi(config, "openai", provider.baseUrl());
    config.put("empath.llm.providers", "openai");
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("empath.topic.prefix", prefix);
    config.put("empath.llm.group.id", kafka.uniqueName("llm-group"));
    // One session: every request lands on one partition, in order, so a later request's result
    // proves every earlier one was processed.
    session = kafka.uniqueName("session");
  }

  private LlmWorker startWorker(String instance) {
    Map<String, String> c = TestServices.copy(config);
    c.put("empath.llm.instance.id", instance);
    return LlmWorker.create(new LlmWorkerSettings(EmpathConfig.of(c)), redis.client()).start();
  }

  @Test
  void answersEveryRequestOnceAndDuplicatesNever() {
    answer(provider, ok("A line for you."));
    try (LlmWorker worker = startWorker("a")) {
      GenerationRequest first = req("r1");
      produce(first, req("r2"), first); // a duplicate in the same batch
      await().atMost(Duration.ofSeconds(60)).until(() -> ids(results()).contains("r2"));

      produce(first, req("sentinel")); // a duplicate after the first was answered
      await().atMost(Duration.ofSeconds(60)).until(() -> ids(results()).contains("sentinel"));
    }

    List<GenerationResult> results = results();
    assertThat(ids(results)).containsExactly("r1", "r2", "sentinel");
    assertThat(results)
        .allSatisfy(
            r -> assertThat(r.getStatus()).isEqualTo(GenerationStatus.GENERATION_STATUS_SUCCEEDED))
        .allSatisfy(r -> assertThat(r.getSessionId()).isEqualTo(session));
    assertThat(results.get(0).getText()).isEqualTo("A line for you.");
  }

  @Test
  void aRequestInFlightWhenTheWorkerDiesIsAnsweredOnceByItsSuccessor() {
    answer(provider, ok("Worth the wait.").withFixedDelay(2_000));
    LlmWorker crashing = startWorker("crashing");
    produce(req("slow"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> provider.verify(1, postRequestedFor(urlEqualTo(CHAT))));
    crashing.halt(); // between the provider call and the produce

    assertThat(results()).isEmpty();
    try (LlmWorker successor = startWorker("successor")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> ids(results()).contains("slow"));
      produce(req("sentinel"));
      await().atMost(Duration.ofSeconds(60)).until(() -> ids(results()).contains("sentinel"));
    }

    List<GenerationResult> results = results();
    assertThat(ids(results)).containsExactly("slow", "sentinel");
    assertThat(results.get(0).getText()).isEqualTo("Worth the wait.");
  }

  @Test
  void aSlowRequestDoesNotHoldBackAnotherPartition() {
    answer(provider, ok("Quick."));
    provider.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(containing("slow-one"))
            .willReturn(ok("At last.").withFixedDelay(3_000)));
    String otherSession = sessionOnAnotherPartition();
    LlmWorker worker = startWorker("a");
    try {
      GenerationRequest slow = req("slow").toBuilder().setPlayerText("slow-one").build();
      GenerationRequest quick = req("quick").toBuilder().setSessionId(otherSession).build();
      produce(slow, quick); // one poll most likely: a batch-at-a-time worker answers both late

      await().atMost(Duration.ofSeconds(60)).until(() -> ids(results()).contains("quick"));

      assertThat(ids(results())).as("the slow one is still running").doesNotContain("slow");
    } finally {
      worker.halt();
    }
  }

  /** A session whose requests land on another partition than {@link #session}'s. */
  private String sessionOnAnotherPartition() {
    int partitions = topics.generationRequest().partitions();
    int mine = partitionOf(session, partitions);
    for (int i = 0; ; i++) {
      String candidate = session + "-other-" + i;
      if (partitionOf(candidate, partitions) != mine) {
        return candidate;
      }
    }
  }

  private static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private GenerationRequest req(String id) {
    long now = System.currentTimeMillis();
    // Request ids are global (the answered markers outlive a test): unique per test.
    return request(session + "-" + id, "game-w")
        .setSessionId(session)
        .setPlayerText("hello " + session + " " + id)
        .setDeadlineMs(now + 30_000)
        .build();
  }

  private void produce(GenerationRequest... requests) {
    EmpathConfig c = EmpathConfig.of(config);
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

  private List<GenerationResult> results() {
    EmpathConfig c = EmpathConfig.of(config);
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

  private List<String> ids(List<GenerationResult> results) {
    return results.stream()
        .map(GenerationResult::getRequestId)
        .map(id -> id.substring(session.length() + 1))
        .toList();
  }
}
