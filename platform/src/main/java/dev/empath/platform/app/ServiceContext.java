package dev.empath.platform.app;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.topic.TopicCatalog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What the bootstrap hands a service to build itself from.
 *
 * @param config the service's configuration, already loaded
 * @param topics the topic catalog of this deployment (prefix applied)
 * @param metrics the registry served on {@code /metrics}, tagged with the service's name
 */
public record ServiceContext(
    EmpathConfig config, TopicCatalog topics, PrometheusMeterRegistry metrics) {}
