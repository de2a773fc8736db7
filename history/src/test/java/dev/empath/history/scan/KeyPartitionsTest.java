package dev.empath.history.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeyPartitionsTest {

  @Test
  void agreesWithTheProducersDefaultPartitioner() {
    for (int i = 0; i < 200; i++) {
      String key = "session-" + i;
      assertThat(KeyPartitions.of(key, 6))
          .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 6));
    }
  }
}
