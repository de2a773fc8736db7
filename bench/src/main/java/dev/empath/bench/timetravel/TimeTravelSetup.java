package dev.empath.bench.timetravel;

import dev.empath.embedded.KafkaEndpoint;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.topic.TopicCatalog;

/**
 * What every section shares: the broker, the topic catalog (topics provisioned) and the
 * configuration a tool would read.
 */
record TimeTravelSetup(
    KafkaEndpoint kafka, TopicCatalog catalog, EmpathConfig config, int records) {}
