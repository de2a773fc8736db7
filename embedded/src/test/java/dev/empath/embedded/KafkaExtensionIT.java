package dev.empath.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.KafkaExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs against KAFKA_BOOTSTRAP_SERVERS when set, else an in-JVM broker. */
class KafkaExtensionIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @Test
  void createsTopicsAndCarriesTransactions() {
    String topic = kafka.createTopic(kafka.uniqueName("ext-tx"), 1);
    KafkaRoundTrip.transactionalRoundTrip(kafka.bootstrapServers(), topic);
  }

  @Test
  void uniqueNamesDoNotRepeat() {
    assertThat(kafka.uniqueName("app")).isNotEqualTo(kafka.uniqueName("app")).startsWith("app-");
  }

  @Nested
  class NestedTests {
    @Test
    void shareTheOuterClusterAndAdmin() throws Exception {
      String topic = kafka.createTopic(kafka.uniqueName("nested"), 2);
      assertThat(kafka.adminClient().listTopics().names().get(30, TimeUnit.SECONDS))
          .contains(topic);
    }
  }
}
