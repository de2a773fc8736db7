package dev.empath.narrative.app;

import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.ops.StreamsOps;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-narrative service: provisions its topics, then runs the narrative topology under
 * exactly-once v2 until the JVM is asked to stop.
 *
 * <p>Configuration: {@link NarrativeSettings}, besides the common Kafka keys.
 */
public final class NarrativeApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NarrativeApp.class);

  private final KafkaStreams streams;

  private NarrativeApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Provisions topics and creates (not starts) the Streams application. */
  public static NarrativeApp create(EmpathConfig config) {
    TopicCatalog catalog = TopicCatalog.withPrefix(config.topicPrefix());
    NarrativeSettings settings = NarrativeSettings.from(config);
    String applicationId = settings.applicationId();
    provision(config, topics(catalog));
    Properties props =
        KafkaClientConfigs.streams(config, applicationId, catalog.deadLetter().name());
    KafkaStreams streams =
        new KafkaStreams(NarrativeTopology.buildTopology(catalog, settings), props);
    streams.setStateListener(
        (now, before) -> log.info("stream-narrative state {} -> {}", before, now));
    log.info(
        "stream-narrative {} reads {} with default policy {}",
        applicationId,
        catalog.emotion().name(),
        settings.defaultPolicy().getVersion());
    return new NarrativeApp(streams);
  }

  /** Every topic the application reads or writes. */
  public static List<TopicSpec<?, ?>> topics(TopicCatalog catalog) {
    return List.of(
        catalog.emotion(),
        catalog.narrative(),
        catalog.narrativePolicy(),
        NarrativeTopology.acceptedPolicyTopic(catalog),
        catalog.generationRequest(),
        catalog.deadLetter());
  }

  public KafkaStreams streams() {
    return streams;
  }

  public void start() {
    streams.start();
  }

  @Override
  public void close() {
    streams.close();
  }

  public static void main(String[] args) throws InterruptedException {
    EmpathConfig config = EmpathConfig.load();
    NarrativeApp app = create(config);
    StreamsOps.runUntilShutdown(config, "stream-narrative", app.streams(), app);
  }

  private static void provision(EmpathConfig config, List<TopicSpec<?, ?>> specs) {
    try (Admin admin = Admin.create(KafkaClientConfigs.common(config, "stream-narrative-admin"))) {
      new TopicProvisioner(admin, Optional.empty()).ensure(specs);
    }
  }
}
