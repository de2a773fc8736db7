package dev.empath.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Streams service's operations endpoint against a real broker, as a probe and a scrape see it.
 */
class StreamsOpsIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @TempDir Path stateDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthFollowsTheStreamsStateAndMetricsHoldKafkaStreamsOwn() throws Exception {
    String in = kafka.createTopic(kafka.uniqueName("ops-in"), 1);
    String out = kafka.createTopic(kafka.uniqueName("ops-out"), 1);
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.REDIS_URL,
                "redis://unused:6379",
                "empath.ops.port",
                "0"));
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    Properties props = KafkaClientConfigs.streams(config, kafka.uniqueName("ops-app"), out);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    try (StreamsOps ops = StreamsOps.start(config, "test-streams", streams)) {
      int port = ops.server().orElseThrow().port();
      assertThat(get(port, "/health").statusCode()).as("not started yet").isEqualTo(503);

      streams.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(get(port, "/health").statusCode()).isEqualTo(200));
      assertThat(get(port, "/metrics").body())
          .contains("kafka_stream_thread_process_total")
          .contains("service=\"test-streams\"");

      streams.close(Duration.ofSeconds(10));
      assertThat(get(port, "/health").statusCode()).as("closed").isEqualTo(503);
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
