package dev.empath.emotion.app;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.ops.StreamsOps;
import dev.empath.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stream-emotion as its own process: reads {@link EmpathConfig} (file named by {@code
 * EMPATH_CONFIG_FILE}, environment, system properties), makes sure the topics exist, and runs the
 * topology until the JVM is asked to stop.
 */
public final class EmotionApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmotionApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;

  private EmotionApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Provisions the topics and creates (not starts) the Streams application. */
  public static EmotionApp create(EmpathConfig config) {
    EmotionSettings settings = EmotionSettings.from(config);
    TopicCatalog topics = catalog(config);
    provision(config, topics);

    Properties props =
        KafkaClientConfigs.streams(config, settings.applicationId(), topics.deadLetter().name());
    KafkaStreams streams =
        new KafkaStreams(
            EmotionTopology.buildTopology(topics, settings, new TransparentEmotionModel()), props);
    // A thread that dies on a bug is replaced; its transaction is aborted and the task retried.
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error("stream thread failed, replacing it", e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    log.info(
        "stream-emotion {} on {} (routing {}, emit interval {})",
        settings.applicationId(),
        config.kafkaBootstrapServers(),
        settings.routing(),
        settings.emitInterval());
    return new EmotionApp(streams);
  }

  public KafkaStreams streams() {
    return streams;
  }

  public void start() {
    streams.start();
  }

  @Override
  public void close() {
    log.info("stopping stream-emotion");
    streams.close(CLOSE_TIMEOUT);
  }

  public static void main(String[] args) throws InterruptedException {
    EmpathConfig config = EmpathConfig.load();
    EmotionApp app = create(config);
    StreamsOps.runUntilShutdown(config, "stream-emotion", app.streams(), app);
  }

  static TopicCatalog catalog(EmpathConfig config) {
    String prefix = config.topicPrefix();
    return prefix.isEmpty() ? TopicCatalog.standard() : TopicCatalog.withPrefix(prefix);
  }

  private static void provision(EmpathConfig config, TopicCatalog topics) {
    Optional<Short> replication =
        config.find("empath.topic.replication.factor").map(Short::parseShort);
    try (Admin admin = Admin.create(KafkaClientConfigs.common(config, "stream-emotion-admin"))) {
      EmotionTopics.provision(admin, replication, topics);
    }
  }
}
