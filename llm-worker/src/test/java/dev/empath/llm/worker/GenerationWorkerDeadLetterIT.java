package dev.empath.llm.worker;

import static dev.empath.llm.FakeProviders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.llm.TestServices;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.serde.InvalidRecordException;
import dev.empath.schemas.serde.MalformedRecordException;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.DeadLetterRecord;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests the worker cannot read or that break the contract go to the dead-letter topic with their
 * original bytes and the reason in headers, inside the same transactions as the results of the
 * valid requests around them, which are all answered.
 */
class GenerationWorkerDeadLetterIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private TopicCatalog topics;
  private Map<String, String> config;
  private String session;

  @BeforeEach
  void freshTopics() {
    String prefix = kafka.uniqueName("llm-dlq") + ".";
    topics = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(topics.all());
    config = TestServices.config(redis.uri()); // no remote provider: the offline templates answer
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("empath.topic.prefix", prefix);
    config.put("empath.llm.group.id", kafka.uniqueName("llm-dlq-group"));
    // One key, so one partition: the records are read in the order they were written.
    session = kafka.uniqueName("session");
  }

  @Test
  void undecodableAndInvalidRequestsAreDeadLetteredAndTheValidOnesAroundThemAnswered() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    GenerationRequest invalid = valid("invalid");
    GenerationRequest lateBeforeCreated =
        invalid.toBuilder().setDeadlineMs(invalid.getCreatedAtMs() - 1_000).build();
    List<byte[]> values = new ArrayList<>();
    values.add(bytes(valid("first")));
    values.add(garbage);
    values.add(null); // a tombstone: no request at all
    values.add(lateBeforeCreated.toByteArray()); // plain protobuf, past the producing serializer
    values.add(bytes(valid("second")));
    values.add(bytes(valid("third")));
    produce(values);

    try (LlmWorker worker = startWorker()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> read(topics.generationResult()).size() >= 3);
      await().atMost(Duration.ofSeconds(30)).until(() -> read(topics.deadLetter()).size() >= 3);
      assertThat(worker.running()).as("the worker is still running").isTrue();
    }

    List<GenerationResult> results =
        read(topics.generationResult()).stream()
            .map(r -> topics.generationResult().valueSerde().deserializer().deserialize("", r))
            .toList();
    assertThat(results)
        .extracting(GenerationResult::getRequestId)
        .containsExactly(id("first"), id("second"), id("third"));
    assertThat(results)
        .allSatisfy(
            r -> assertThat(r.getStatus()).isEqualTo(GenerationStatus.GENERATION_STATUS_SUCCEEDED));

    List<DeadLetterRecord> letters = deadLetters();
    assertThat(letters).hasSize(3);
    String requestTopic = topics.generationRequest().name();
    assertThat(letters)
        .allSatisfy(
            l -> {
              assertThat(l.getSourceTopic()).isEqualTo(requestTopic);
              assertThat(l.getComponent()).isEqualTo("llm-worker");
              assertThat(l.getReason()).isNotBlank();
              assertThat(l.getFailedAtMs()).isPositive();
              assertThat(l.getOriginalKey().toStringUtf8()).isEqualTo(session);
            });
    // Offsets 1, 2, 3 of the one partition: the records between the first and second request.
    assertThat(letters).extracting(DeadLetterRecord::getSourceOffset).containsExactly(1L, 2L, 3L);
    assertThat(letters)
        .extracting(DeadLetterRecord::getSourcePartition)
        .containsOnly(letters.get(0).getSourcePartition());

    assertThat(letters.get(0).getErrorClass()).isEqualTo(MalformedRecordException.class.getName());
    assertThat(letters.get(0).getOriginalValue().toByteArray()).isEqualTo(garbage);
    assertThat(letters.get(1).getErrorClass()).isEqualTo(MalformedRecordException.class.getName());
    assertThat(letters.get(1).getReason()).contains("no value");
    assertThat(letters.get(1).getOriginalValue().isEmpty()).isTrue();
    assertThat(letters.get(2).getErrorClass()).isEqualTo(InvalidRecordException.class.getName());
    assertThat(letters.get(2).getReason()).contains("deadline_ms");
    assertThat(letters.get(2).getOriginalValue().toByteArray())
        .isEqualTo(lateBeforeCreated.toByteArray());
  }

  private LlmWorker startWorker() {
    return LlmWorker.create(new LlmWorkerSettings(EmpathConfig.of(config)), redis.client()).start();
  }

  private String id(String name) {
    return session + "-" + name; // request ids are global: unique per test
  }

  private GenerationRequest valid(String name) {
    long now = System.currentTimeMillis();
    return request(id(name), "game-dlq")
        .setSessionId(session)
        .setCreatedAtMs(now)
        .setDeadlineMs(now + 30_000)
        .build();
  }

  private byte[] bytes(GenerationRequest r) {
    return topics.generationRequest().valueSerde().serializer().serialize("", r);
  }

  private void produce(List<byte[]> values) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(EmpathConfig.of(config), "test-producer"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      byte[] key = session.getBytes(StandardCharsets.UTF_8);
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topics.generationRequest().name(), key, value));
      }
      producer.flush();
    }
  }

  private List<DeadLetterRecord> deadLetters() {
    List<DeadLetterRecord> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        records(topics.deadLetter().name(), topics.deadLetter().partitions())) {
      out.add(DeadLetters.read(r));
    }
    out.sort((a, b) -> Long.compare(a.getSourceOffset(), b.getSourceOffset()));
    return out;
  }

  /** The values committed to {@code topic} so far. */
  private List<byte[]> read(TopicSpec<?, ?> topic) {
    return records(topic.name(), topic.partitions()).stream().map(ConsumerRecord::value).toList();
  }

  private List<ConsumerRecord<byte[], byte[]>> records(String topic, int partitionCount) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            KafkaClientConfigs.consumer(
                EmpathConfig.of(config), kafka.uniqueName("reader"), "test-reader"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < partitionCount; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long until = System.currentTimeMillis() + 10_000;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < until) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
