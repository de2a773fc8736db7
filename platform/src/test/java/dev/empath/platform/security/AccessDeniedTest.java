package dev.empath.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class AccessDeniedTest {

  private static final TopicUse USE =
      new TopicUse(Set.of("in", "both"), Set.of("out", "both"), Optional.of("app-1"));

  private static Properties client() {
    Properties props = new Properties();
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\""
            + " password=\"secret\";");
    return props;
  }

  @Test
  void aTopicRefusalNamesTheOperationTheServiceNeedsThere() {
    assertThat(line(new TopicAuthorizationException(Set.of("in"))))
        .isEqualTo("not authorized: User:svc lacks Read on TOPIC in");
    assertThat(line(new StreamsException(new TopicAuthorizationException(Set.of("out")))))
        .isEqualTo("not authorized: User:svc lacks Write on TOPIC out");
    assertThat(
            line(
                new StreamsException(
                    "Error encountered sending record to topic both",
                    new TopicAuthorizationException(Set.of("both")))))
        .isEqualTo("not authorized: User:svc lacks Write on TOPIC both");
  }

  @Test
  void groupsAndTransactionalIdsAreNamedToo() {
    assertThat(line(new KafkaException(new GroupAuthorizationException("g", "g"))))
        .contains("lacks Read on GROUP g");
    assertThat(line(new TransactionalIdAuthorizationException("denied")))
        .contains("lacks Write on TRANSACTIONAL_ID app-1");
  }

  @Test
  void aFailedLoginSaysSoAndNeverShowsThePassword() {
    String line = line(new SaslAuthenticationException("Authentication failed"));
    assertThat(line).startsWith("not authorized: authentication of User:svc failed");
    assertThat(line).doesNotContain("secret");
  }

  @Test
  void otherErrorsAreNotAccessFailures() {
    assertThat(AccessDenied.describe(new KafkaException("broken"), USE, client())).isEmpty();
    assertThat(AccessDenied.isAccessDenied("Kafka Streams application x is in state ERROR"))
        .isFalse();
  }

  private static String line(Exception e) {
    return AccessDenied.describe(e, USE, client()).orElseThrow();
  }
}
