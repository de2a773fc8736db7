package dev.empath.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmpathConfigTest {

  @Test
  void environmentOverridesFileAndSystemPropertiesOverrideEnvironment(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("empath.properties");
    Files.writeString(
        file,
        "kafka.bootstrap.servers=file:9092\nredis.url=redis://file:6379\nempath.emotion.interval.ms=500\n");
    Properties system = new Properties();
    system.setProperty("redis.url", "redis://sys:6379");

    EmpathConfig config =
        EmpathConfig.load(
            Map.of(
                "EMPATH_CONFIG_FILE", file.toString(),
                "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "PATH", "/usr/bin"),
            system);

    assertThat(config.kafkaBootstrapServers()).isEqualTo("env:9092");
    assertThat(config.redisUrl()).isEqualTo("redis://sys:6379");
    assertThat(config.getLong("empath.emotion.interval.ms", 250)).isEqualTo(500);
    assertThat(config.kafkaClientOverrides())
        .containsExactly(Map.entry("security.protocol", "SASL_SSL"));
    assertThat(config.find("path")).isEmpty();
  }

  @Test
  void defaultsPointAtLocalServers() {
    EmpathConfig config = EmpathConfig.load(Map.of(), new Properties());

    assertThat(config.kafkaBootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.redisUrl()).isEqualTo("redis://localhost:6379");
    assertThat(config.schemaRegistryUrl()).isEmpty();
  }

  @Test
  void badNumbersAndMissingKeysAreExplained() {
    EmpathConfig config = EmpathConfig.of(Map.of("empath.x", "ten"));

    assertThatThrownBy(() -> config.getInt("empath.x", 1))
        .hasMessageContaining("empath.x is not a number: ten");
    assertThatThrownBy(() -> config.require("empath.missing"))
        .hasMessageContaining("EMPATH_MISSING");
  }
}
