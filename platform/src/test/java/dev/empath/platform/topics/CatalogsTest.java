package dev.empath.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.embedded.registry.RecordingSchemaRegistry;
import dev.empath.embedded.registry.RecordingSchemaRegistry.Registration;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.registry.SchemaRegistryException;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.CharacterInteraction;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogsTest {

  private RecordingSchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = RecordingSchemaRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void withoutARegistryTheCatalogIsPrefixedAndPlain() {
    TopicCatalog catalog = Catalogs.from(EmpathConfig.of(Map.of(EmpathConfig.TOPIC_PREFIX, "p.")));
    CharacterInteraction interaction = CharacterInteraction.newBuilder().setEventId("i").build();

    assertThat(catalog.all()).allSatisfy(spec -> assertThat(spec.name()).startsWith("p.empath."));
    assertThat(catalog.interaction().valueSerde().serializer().serialize("t", interaction))
        .isEqualTo(interaction.toByteArray());
    assertThat(registry.registrations()).isEmpty();
  }

  @Test
  void partitionCountsComeFromTheConfigurationEnvironmentIncluded() {
    EmpathConfig config =
        EmpathConfig.load(
                Map.of("EMPATH_TOPIC_PARTITIONS_EMPATH_DLQ_V1", "12"), new java.util.Properties())
            .with("empath.topic.partitions", "3");

    TopicCatalog catalog = Catalogs.topics(config);

    assertThat(catalog.behavior().partitions()).isEqualTo(3);
    assertThat(catalog.generationRequest().partitions()).isEqualTo(3);
    assertThat(catalog.deadLetter().partitions()).isEqualTo(12);
    assertThat(catalog.narrativePolicy().partitions()).isEqualTo(1);
    assertThat(Catalogs.from(EmpathConfig.of(Map.of())).emotion().partitions())
        .isEqualTo(TopicCatalog.EVENT_PARTITIONS);
  }

  @Test
  void withARegistryEveryContractTopicIsRegisteredWithTheConfiguredCredentials() {
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.TOPIC_PREFIX,
                "p.",
                EmpathConfig.SCHEMA_REGISTRY_URL,
                registry.url(),
                Catalogs.BASIC_AUTH_USER_INFO,
                "svc:pw"));
    String basic =
        "Basic " + Base64.getEncoder().encodeToString("svc:pw".getBytes(StandardCharsets.UTF_8));
    registry.requireAuthorization(basic);

    TopicCatalog catalog = Catalogs.from(config);

    assertThat(registry.registrations())
        .extracting(Registration::subject)
        .containsExactlyInAnyOrderElementsOf(
            catalog.all().stream()
                .filter(spec -> spec != catalog.deadLetter())
                .filter(spec -> spec != catalog.deadLetterRedrives())
                .map(TopicSpec::name)
                .map(name -> name + "-value")
                .toList());
    assertThat(registry.registrations())
        .extracting(Registration::authorization)
        .containsOnly(basic);
    byte[] framed =
        catalog
            .interaction()
            .valueSerde()
            .serializer()
            .serialize(
                catalog.interaction().name(),
                CharacterInteraction.newBuilder().setEventId("i").build());
    assertThat(ConfluentWireFormat.parse(framed).schemaId())
        .isEqualTo(registry.idOf("p.empath.interaction.v1-value").orElseThrow());
    assertThat(ConfluentWireFormat.parse(framed).messageIndexes()).containsExactly(2);
  }

  @Test
  void aBearerTokenFromConfigurationIsSent() {
    registry.requireAuthorization("Bearer t0k");

    Catalogs.from(
        EmpathConfig.of(
            Map.of(
                EmpathConfig.SCHEMA_REGISTRY_URL,
                registry.url(),
                Catalogs.BEARER_AUTH_TOKEN,
                "t0k")));

    assertThat(registry.registrations()).isNotEmpty();
  }

  @Test
  void anUnreachableRegistryFailsStartUpWithOneClearMessage() throws Exception {
    String url = "http://127.0.0.1:" + freePort();
    EmpathConfig config = EmpathConfig.of(Map.of(EmpathConfig.SCHEMA_REGISTRY_URL, url));

    assertThatThrownBy(() -> Catalogs.from(config))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageStartingWith("schema registry at " + url + "/ is unreachable when registering")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusedCredentialsFailStartUpNamingTheStatus() {
    registry.requireAuthorization("Basic other");
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.SCHEMA_REGISTRY_URL,
                registry.url(),
                Catalogs.BASIC_AUTH_USER_INFO,
                "svc:wrong"));

    assertThatThrownBy(() -> Catalogs.from(config))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining(registry.url())
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void theTruststoreSettingsReachTheClient(@TempDir Path dir) {
    Path missing = dir.resolve("trust.jks");
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.SCHEMA_REGISTRY_URL,
                "https://registry.example:8081",
                Catalogs.TRUSTSTORE_LOCATION,
                missing.toString(),
                Catalogs.TRUSTSTORE_TYPE,
                "JKS"));

    assertThatThrownBy(() -> Catalogs.registry(config))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("type JKS");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
