package dev.empath.embedded.junit;

import dev.empath.embedded.EmbeddedKafkaCluster;
import dev.empath.embedded.KafkaEndpoint;
import dev.empath.embedded.UniqueNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka cluster per test class: an in-JVM broker, or the external cluster named by {@code
 * KAFKA_BOOTSTRAP_SERVERS}.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
 * }</pre>
 *
 * <p>The field must be static: the broker starts before all tests and stops after them.
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Supplier<KafkaEndpoint> factory;
  private KafkaEndpoint endpoint;
  private Admin admin;
  private String ownerContextId;

  public KafkaExtension() {
    this(KafkaEndpoint::start);
  }

  /** For a broker with non-default settings, e.g. {@code () -> EmbeddedKafka.builder()...}. */
  public KafkaExtension(Supplier<KafkaEndpoint> factory) {
    this.factory = factory;
  }

  /**
   * A replicated KRaft cluster of {@code nodes} in-JVM brokers (replication factor {@code nodes},
   * {@code min.insync.replicas = nodes - 1}); {@link #cluster()} stops and restarts its nodes.
   */
  public static KafkaExtension cluster(int nodes) {
    return new KafkaExtension(() -> EmbeddedKafkaCluster.start(nodes));
  }

  /** The cluster started by {@link #cluster(int)}. */
  public EmbeddedKafkaCluster cluster() {
    if (endpoint() instanceof EmbeddedKafkaCluster c) {
      return c;
    }
    throw new IllegalStateException(
        "this extension runs a single broker: use KafkaExtension.cluster(n)");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // @Nested classes run beforeAll again; they share the outer class's cluster.
    if (endpoint == null) {
      endpoint = factory.get();
      ownerContextId = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (endpoint == null || !context.getUniqueId().equals(ownerContextId)) {
      return;
    }
    KafkaEndpoint toClose = endpoint;
    Admin adminToClose = admin;
    admin = null;
    endpoint = null;
    ownerContextId = null;
    try {
      if (adminToClose != null) {
        adminToClose.close(Duration.ofSeconds(5));
      }
    } finally {
      toClose.close();
    }
  }

  public KafkaEndpoint endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException(
          "Kafka is not running: register KafkaExtension on a static field with"
              + " @RegisterExtension, and use it only inside tests");
    }
    return endpoint;
  }

  public String bootstrapServers() {
    return endpoint().bootstrapServers();
  }

  /** A topic name, application id or group id no other test (or run) uses. */
  public String uniqueName(String prefix) {
    return UniqueNames.next(prefix);
  }

  /** Shared by the test class and closed after it; callers must not close it. */
  public synchronized Admin adminClient() {
    if (admin == null) {
      Map<String, Object> props = new java.util.HashMap<>(endpoint().clientProperties());
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      admin = Admin.create(props);
    }
    return admin;
  }

  /**
   * Creates a topic with the cluster's default replication factor and waits until the controller
   * has accepted it.
   */
  public String createTopic(String name, int partitions) {
    NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty());
    try {
      adminClient()
          .createTopics(List.of(topic))
          .all()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return name;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not create topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    }
  }
}
