package dev.empath.embedded;

/**
 * A Kafka cluster a caller can talk to, whether this JVM runs it or not.
 *
 * <p>{@link #close()} stops the broker only when this JVM started it.
 */
public interface KafkaEndpoint extends AutoCloseable {

  /** Environment variable naming an external cluster to use instead of an in-JVM broker. */
  String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";

  /** Comma-separated {@code host:port} list for {@code bootstrap.servers}. */
  String bootstrapServers();

  /**
   * Client settings beyond {@code bootstrap.servers} that every client of this cluster needs (a
   * secured broker's protocol, login and trusted CA); empty for a plain one.
   */
  default java.util.Map<String, String> clientProperties() {
    return java.util.Map.of();
  }

  /** True when the cluster is not owned by this JVM, so closing leaves it running. */
  boolean external();

  @Override
  void close();

  /**
   * Uses the cluster named by {@value #BOOTSTRAP_SERVERS_ENV} if set, otherwise starts an {@link
   * EmbeddedKafka} with default settings.
   */
  static KafkaEndpoint start() {
    String bootstrap = System.getenv(BOOTSTRAP_SERVERS_ENV);
    if (bootstrap != null && !bootstrap.isBlank()) {
      return external(bootstrap);
    }
    return EmbeddedKafka.start();
  }

  /** A cluster someone else runs; closing the returned handle does nothing to it. */
  static KafkaEndpoint external(String bootstrapServers) {
    return new ExternalKafka(bootstrapServers);
  }
}
