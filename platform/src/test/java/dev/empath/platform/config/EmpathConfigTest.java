package dev.empath.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmpathConfigTest {

  private static final ConfigKey<Double> ALPHA =
      ConfigKey.ofDouble("empath.test.alpha", 0.3, "weight")
          .require(v -> v > 0 && v <= 1, "must be in (0, 1]");

  private static final ConfigKey<Long> RENAMED =
      ConfigKey.ofLong("empath.test.retry.ms", 50L, "wait").deprecatedName("test.retry.ms");

  private static final ConfigKey<String> PER_PROVIDER =
      ConfigKey.ofString("empath.test.provider.<name>.url", null, "url");

  private static final ConfigKeys GROUP =
      ConfigKeys.of("test", "test keys", List.of("empath.test."), ALPHA, RENAMED, PER_PROVIDER);

  @Test
  void environmentOverridesFileAndSystemPropertiesOverrideEnvironment(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("empath.properties");
    Files.writeString(
        file,
        "kafka.bootstrap.servers=file:9092\nredis.url=redis://file:6379\n"
            + "empath.emotion.interval.ms=500\nempath.topic.prefix=file.\n");
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
    assertThat(config.topicPrefix()).isEqualTo("file.");
    assertThat(config.getLong("empath.emotion.interval.ms", 250)).isEqualTo(500);
    assertThat(config.kafkaClientOverrides())
        .containsExactly(Map.entry("security.protocol", "SASL_SSL"));
  }

  @Test
  void keysWithUnderscoresAreFoundUnderTheirOwnEnvironmentName() {
    ConfigKey<String> npcLine = PER_PROVIDER.at("npc_line");
    EmpathConfig config =
        EmpathConfig.load(
            Map.of("EMPATH_TEST_PROVIDER_NPC_LINE_URL", "http://a", "EMPATH_TEST_ALPHA", "0.5"),
            new Properties());

    assertThat(npcLine.name()).isEqualTo("empath.test.provider.npc_line.url");
    assertThat(config.find(npcLine)).contains("http://a");
    assertThat(config.get(ALPHA)).isEqualTo(0.5);
  }

  @Test
  void kafkaClientPropertiesComeFromEveryLayerWithTheHigherOneWinning(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("empath.properties");
    Files.writeString(
        file, "kafka.client.sasl.mechanism=PLAIN\nkafka.client.linger.ms=1\nkafka.client.acks=1\n");
    Properties system = new Properties();
    system.setProperty("kafka.client.acks", "all");

    EmpathConfig config =
        EmpathConfig.load(
            Map.of(
                "EMPATH_CONFIG_FILE", file.toString(),
                "KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_CLIENT_LINGER_MS", " "),
            system);

    assertThat(config.kafkaClientOverrides())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("sasl.mechanism", "SCRAM-SHA-512", "acks", "all"));
  }

  @Test
  void aBadValueIsOneLineNamingKeyValueAndSource() {
    EmpathConfig config = EmpathConfig.load(Map.of("EMPATH_TEST_ALPHA", "3"), new Properties());

    assertThatThrownBy(() -> config.get(ALPHA))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "empath.test.alpha must be in (0, 1], was 3 (environment variable EMPATH_TEST_ALPHA)")
        .hasNoCause();
    assertThatThrownBy(() -> config.check(GROUP)).hasMessageStartingWith("empath.test.alpha");
    assertThatThrownBy(() -> EmpathConfig.of(Map.of("empath.x", "ten")).getInt("empath.x", 1))
        .hasMessageStartingWith("empath.x must be a whole number, was ten");
    assertThatThrownBy(() -> EmpathConfig.of(Map.of()).require("empath.missing"))
        .hasMessageContaining("EMPATH_MISSING");
  }

  @Test
  void aFormerNameIsReadOnlyWhenTheNewOneIsSetNowhere() {
    Properties system = new Properties();
    system.setProperty("test.retry.ms", "70");

    assertThat(EmpathConfig.load(Map.of(), system).get(RENAMED)).isEqualTo(70);
    assertThat(EmpathConfig.load(Map.of("EMPATH_TEST_RETRY_MS", "80"), system).get(RENAMED))
        .isEqualTo(80);
    assertThat(EmpathConfig.of(Map.of()).get(RENAMED)).isEqualTo(50);
  }

  @Test
  void unknownKeysUnderOwnedOrUnknownNamespacesAreReported() {
    Properties system = new Properties();
    system.setProperty("empath.test.alpah", "0.2");
    system.setProperty("empath.tset.alpha", "0.2");
    system.setProperty("empath.llm.whatever", "someone else's");
    system.setProperty("empath.test.provider.openai.url", "http://declared");
    system.setProperty("test.retry.ms", "1");
    EmpathConfig config =
        EmpathConfig.load(
            Map.of(
                "EMPATH_TEST_ALPAH", "0.2",
                "EMPATH_TEST_PROVIDER_X_URL", "declared family member",
                "EMPATH_JAVA_OPTS", "-Xmx1g"),
            system);

    assertThat(config.unknownKeys(List.of(GROUP)))
        .containsExactly(
            "environment variable EMPATH_TEST_ALPAH",
            "key empath.test.alpah (system property)",
            "key empath.tset.alpha (system property)");
  }

  @Test
  void defaultsPointAtLocalServers() {
    EmpathConfig config = EmpathConfig.load(Map.of(), new Properties());

    assertThat(config.kafkaBootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.redisUrl()).isEqualTo("redis://localhost:6379");
    assertThat(config.schemaRegistryUrl()).isEmpty();
    assertThat(config.opsPort()).isEqualTo(9464);
    assertThat(config.topicReplicationFactor()).isEmpty();
  }

  @Test
  void anUnreadableFileIsOneLine(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(
            () ->
                EmpathConfig.load(
                    Map.of("EMPATH_CONFIG_FILE", missing.toString()), new Properties()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("cannot read configuration file " + missing + ": NoSuchFileException");
  }
}
