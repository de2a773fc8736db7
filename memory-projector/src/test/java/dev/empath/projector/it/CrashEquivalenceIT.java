package dev.empath.projector.it;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The projector is killed abruptly several times while records stream in; afterwards Redis must
 * equal, byte for byte, a clean rebuild from the topics.
 */
class CrashEquivalenceIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Test
  void killedRepeatedlyWhileRecordsStreamInEqualsACleanRebuild() throws Exception {
    try (ProjectorFixture fixture = new ProjectorFixture(kafka, redis)) {
      CrashRounds.killRepeatedlyThenCompare(fixture, redis.client(), 4, () -> {});
    }
  }
}
