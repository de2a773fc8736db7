package dev.empath.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.streams.StreamsService;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The common start-up against a real broker: topics provisioned under the configured prefix, the
 * service started, and its operations endpoint as a probe and a scrape see it.
 */
class ServiceBootstrapIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @TempDir Path stateDir;

  private final HttpClient http = HttpClient.newHttpClient();

  /** A pass-through Streams service from behaviour to emotion, as small as a service gets. */
  private static final class PassThrough implements ServiceDefinition {
    @Override
    public String name() {
      return "test-streams";
    }

    @Override
    public List<TopicSpec<?, ?>> topics(TopicCatalog catalog) {
      return List.of(catalog.behavior(), catalog.emotion(), catalog.deadLetter());
    }

    @Override
    public RunningService create(ServiceContext context) {
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream(
              context.topics().behavior().name(),
              Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
          .to(
              context.topics().emotion().name(),
              Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
      return StreamsService.create(context, kafka.uniqueName("ops-app"), builder.build());
    }
  }

  @Test
  void provisionsTopicsStartsAndServesHealthAndKafkaStreamsOwnMetrics() throws Exception {
    String prefix = kafka.uniqueName("boot") + ".";
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.TOPIC_PREFIX,
                prefix,
                "kafka.streams.state.dir",
                stateDir.toString(),
                "empath.ops.port",
                "0"));

    LaunchedService launched = ServiceBootstrap.launch(config, new PassThrough());
    try {
      assertThat(kafka.adminClient().listTopics().names().get())
          .contains(prefix + "empath.behavior.v1", prefix + "empath.emotion.v1");
      int port = launched.opsPort().orElseThrow();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(get(port, "/health").statusCode()).isEqualTo(200));
      assertThat(get(port, "/health").body()).contains("\"streams\":\"UP\"");
      assertThat(get(port, "/metrics").body())
          .contains("kafka_stream_thread_process_total")
          .contains("service=\"test-streams\"");
      assertThat(launched.failure()).isEmpty();
    } finally {
      launched.close();
    }
    assertThat(launched.healthy()).as("closed").isFalse();
  }

  @Test
  void opsPortBelowZeroServesNoEndpoint() {
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.TOPIC_PREFIX,
                kafka.uniqueName("noops") + ".",
                "kafka.streams.state.dir",
                stateDir.toString(),
                "empath.ops.port",
                "-1"));
    try (LaunchedService launched = ServiceBootstrap.launch(config, new PassThrough())) {
      assertThat(launched.opsPort()).isEmpty();
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
