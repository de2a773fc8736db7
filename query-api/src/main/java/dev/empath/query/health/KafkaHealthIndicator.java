package dev.empath.query.health;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Kafka reachability, only when {@code kafka.bootstrap.servers} (KAFKA_BOOTSTRAP_SERVERS) is set:
 * the API serves Redis, so Kafka is reported for operators, not needed to answer.
 */
@Singleton
@Readiness
@Requires(property = "kafka.bootstrap.servers")
public class KafkaHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private static final int TIMEOUT_MS = 3_000;

  private final Admin admin;

  /**
   * The client's settings come from {@link EmpathConfig}, as every other client's do, so {@code
   * kafka.client.*} (security protocol, SASL, TLS) reaches this check too.
   */
  @Inject
  public KafkaHealthIndicator(@Value("${kafka.bootstrap.servers}") String bootstrapServers) {
    this(EmpathConfig.load().with(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers));
  }

  /** A check with the settings of {@code config}, as every Kafka client of the project. */
  public KafkaHealthIndicator(EmpathConfig config) {
    Properties props = KafkaClientConfigs.common(config, "empath-query-api-health");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    this.admin = Admin.create(props);
  }

  /** One check now: the number of brokers, or the error that stopped it. */
  public Map<String, Object> check() {
    return getHealthInformation();
  }

  /** The status of the latest {@link #check()}. */
  public HealthStatus status() {
    return healthStatus;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    try {
      int nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
              .nodes()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .size();
      healthStatus = HealthStatus.UP;
      return Map.of("brokers", nodes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      healthStatus = HealthStatus.DOWN;
      return Map.of("error", "interrupted");
    } catch (Exception e) {
      healthStatus = HealthStatus.DOWN;
      return Map.of("error", e.getClass().getSimpleName());
    }
  }

  @Override
  protected String getName() {
    return "kafka";
  }

  @PreDestroy
  public void close() {
    admin.close();
  }
}
