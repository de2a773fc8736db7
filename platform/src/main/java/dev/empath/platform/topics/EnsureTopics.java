package dev.empath.platform.topics;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-alone topic set-up (docker compose's init step, CI pipelines): creates every catalog topic
 * that is missing and exits non-zero, with the reasons, when an existing one is misconfigured.
 * Configuration: {@code KAFKA_BOOTSTRAP_SERVERS}, optional {@code EMPATH_TOPIC_PREFIX}, {@code
 * EMPATH_TOPIC_PARTITIONS}, {@code EMPATH_TOPIC_REPLICATION_FACTOR} and {@code
 * EMPATH_TOPIC_MIN_INSYNC_REPLICAS}.
 */
public final class EnsureTopics {

  private static final Logger log = LoggerFactory.getLogger(EnsureTopics.class);

  private EnsureTopics() {}

  public static void main(String[] args) {
    EmpathConfig config = EmpathConfig.load();
    TopicCatalog catalog = Catalogs.topics(config);
    try (Admin admin = Admin.create(KafkaClientConfigs.common(config, "empath-topics"))) {
      TopicProvisioner.Outcome outcome =
          new TopicProvisioner(admin, TopicSettings.from(config)).ensure(catalog.all());
      log.info(
          "topics ready: created {}, already present {}", outcome.created(), outcome.existing());
    } catch (TopicMismatchException e) {
      log.error("{}", e.getMessage());
      System.exit(2);
    }
  }
}
