package dev.empath.embedded;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same round trip against the official broker image, to catch differences between the in-JVM
 * broker and a real deployment. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {

  @Container static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.4.0");

  @Test
  void transactionalRoundTripAgainstTheOfficialImage() throws Exception {
    String topic = UniqueNames.next("container-tx");
    KafkaRoundTrip.createTopic(kafka.getBootstrapServers(), topic);
    KafkaRoundTrip.transactionalRoundTrip(kafka.getBootstrapServers(), topic);
  }
}
