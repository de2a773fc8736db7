package dev.empath.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.llm.config.LlmWorkerConfigKeys;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.projector.config.ProjectorConfigKeys;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.schemas.v1.GenerationPurpose;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys that the environment could not reach (an underscore in the name, a {@code projector.*} key,
 * a Kafka client property) are set from the file, the environment and {@code -D}, read by the
 * services' own settings, with defaults < file < environment < -D.
 */
class EnvironmentSettableKeysTest {

  @TempDir Path dir;

  private static final String NPC_LINE = LlmWorkerConfigKeys.ROUTE_PURPOSE.at("npc_line").name();

  private static final Function<EmpathConfig, Object> NPC_LINE_ROUTE =
      config ->
          String.join(
              ",",
              new LlmWorkerSettings(config)
                  .routes()
                  .namesFor(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE, ""));

  private static final Function<EmpathConfig, Object> PROJECTOR_RETRIES =
      config -> ProjectorSettings.from(config).maxRetries();

  private static final Function<EmpathConfig, Object> SECURITY_PROTOCOL =
      config -> KafkaClientConfigs.common(config, "test").getProperty("security.protocol");

  @Test
  void anNpcLineRouteIsSetFromEverySourceInOrder() throws IOException {
    assertThat(NPC_LINE).isEqualTo("empath.llm.route.purpose.npc_line");
    assertThat(ConfigKey.toEnvName(NPC_LINE)).isEqualTo("EMPATH_LLM_ROUTE_PURPOSE_NPC_LINE");
    assertPrecedence(
        NPC_LINE, "EMPATH_LLM_ROUTE_PURPOSE_NPC_LINE", NPC_LINE_ROUTE, "", "a", "b", "c");
  }

  @Test
  void aProjectorKeyIsSetFromEverySourceInOrder() throws IOException {
    String key = ProjectorConfigKeys.RETRY_MAX.name();
    assertThat(key).isEqualTo("empath.projector.retry.max");
    assertPrecedence(key, "EMPATH_PROJECTOR_RETRY_MAX", PROJECTOR_RETRIES, 5, 6, 7, 8);
  }

  @Test
  void aKafkaClientPropertyIsSetFromEverySourceInOrder() throws IOException {
    assertPrecedence(
        "kafka.client.security.protocol",
        "KAFKA_CLIENT_SECURITY_PROTOCOL",
        SECURITY_PROTOCOL,
        null,
        "SSL",
        "SASL_PLAINTEXT",
        "SASL_SSL");
  }

  /**
   * Reads the key with nothing set, then set in the file, then also in the environment, then also
   * as a system property: each source in turn must win over the ones before.
   */
  private void assertPrecedence(
      String key,
      String envName,
      Function<EmpathConfig, Object> read,
      Object byDefault,
      Object inFile,
      Object inEnv,
      Object inSystem)
      throws IOException {
    Path file = Files.writeString(dir.resolve("empath.properties"), key + "=" + inFile + "\n");
    Map<String, String> env = new HashMap<>();
    Properties system = new Properties();
    assertThat(read.apply(EmpathConfig.load(env, system))).isEqualTo(byDefault);

    env.put("EMPATH_CONFIG_FILE", file.toString());
    assertThat(read.apply(EmpathConfig.load(env, system))).isEqualTo(inFile);

    env.put(envName, String.valueOf(inEnv));
    assertThat(read.apply(EmpathConfig.load(env, system))).isEqualTo(inEnv);

    system.setProperty(key, String.valueOf(inSystem));
    assertThat(read.apply(EmpathConfig.load(env, system))).isEqualTo(inSystem);
  }
}
