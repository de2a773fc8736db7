package dev.empath.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.embedded.registry.RecordingSchemaRegistry;
import dev.empath.embedded.registry.RecordingSchemaRegistry.Registration;
import dev.empath.schemas.EmpathSchema;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryClientTest {

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
  void registersAProtobufSchemaOnceAndReturnsTheRegistrysId() {
    SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());

    int id = client.register("t-value", EmpathSchema.protoSource());
    int again = client.register("t-value", EmpathSchema.protoSource());

    assertThat(id).isEqualTo(registry.idOf("t-value").orElseThrow());
    assertThat(again).isEqualTo(id);
    assertThat(registry.registrations())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.subject()).isEqualTo("t-value");
              assertThat(r.schemaType()).isEqualTo("PROTOBUF");
              assertThat(r.schema()).isEqualTo(EmpathSchema.protoSource());
              assertThat(r.authorization()).isNull();
            });
    assertThat(client.registeredSubjects()).containsEntry("t-value", id);
  }

  @Test
  void schemaCanBeReadBackById() {
    SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
    int id = client.register("s-value", "syntax = \"proto3\";");

    assertThat(client.schemaById(id)).isEqualTo("syntax = \"proto3\";");
  }

  @Test
  void basicAuthIsSentAsConfluentsClientsSendIt() {
    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("alice:s3cr:et".getBytes(StandardCharsets.UTF_8));
    registry.requireAuthorization(expected);

    SchemaRegistryClient.builder(registry.url())
        .basicAuth("alice:s3cr:et")
        .build()
        .register("a-value", "s");

    assertThat(registry.registrations())
        .extracting(Registration::authorization)
        .containsExactly(expected);
  }

  @Test
  void credentialsInTheUrlAreBasicAuthAndNeverShown() {
    String expected =
        "Basic " + Base64.getEncoder().encodeToString("bob:p@ss".getBytes(StandardCharsets.UTF_8));
    registry.requireAuthorization(expected);
    String url = registry.url().replace("://", "://bob:p%40ss@");

    SchemaRegistryClient client = SchemaRegistryClient.of(url);
    client.register("b-value", "s");
    registry.failNext(500, "{\"message\":\"boom\"}");

    assertThat(registry.registrations())
        .extracting(Registration::authorization)
        .containsExactly(expected);
    assertThat(client.baseUrl().toString()).isEqualTo(registry.url() + "/");
    assertThatThrownBy(() -> client.register("c-value", "s"))
        .hasMessageContaining(registry.url())
        .hasMessageNotContaining("p%40ss")
        .hasMessageNotContaining("p@ss");
  }

  @Test
  void bearerTokenIsSent() {
    registry.requireAuthorization("Bearer tok-123");

    SchemaRegistryClient.builder(registry.url())
        .bearerToken("tok-123")
        .build()
        .register("a-value", "s");

    assertThat(registry.registrations())
        .extracting(Registration::authorization)
        .containsExactly("Bearer tok-123");
  }

  @Test
  void refusedCredentialsNameTheUrlTheStatusAndTheSettings() {
    registry.requireAuthorization("Basic something-else");
    SchemaRegistryClient client =
        SchemaRegistryClient.builder(registry.url()).basicAuth("alice:wrong").build();

    assertThatThrownBy(() -> client.register("a-value", "s"))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("schema registry at " + registry.url())
        .hasMessageContaining("registering subject a-value")
        .hasMessageContaining("HTTP 401 Unauthorized")
        .hasMessageContaining("schema.registry.basic.auth.user.info");
  }

  @Test
  void registryErrorIsReportedWithStatusAndMessage() {
    registry.failNext(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
    SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());

    assertThatThrownBy(() -> client.register("bad-value", "nonsense"))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("Invalid schema");
  }

  @Test
  void unreachableRegistryIsAClearError() throws Exception {
    String url = "http://127.0.0.1:" + freePort();

    assertThatThrownBy(() -> SchemaRegistryClient.of(url).register("x-value", "s"))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageStartingWith("schema registry at " + url + "/ is unreachable")
        .hasMessageContaining("cannot connect");
  }

  @Test
  void theNextUrlIsTriedWhileOneIsUnreachable() throws Exception {
    String down = "http://127.0.0.1:" + freePort();

    int id = SchemaRegistryClient.of(down + "," + registry.url()).register("x-value", "s");

    assertThat(id).isEqualTo(registry.idOf("x-value").orElseThrow());
  }

  @Test
  void tlsWithATruststoreWorksAndWithoutOneSaysWhatToSet(@TempDir Path dir) throws Exception {
    TestTls tls = TestTls.create(dir);
    try (RecordingSchemaRegistry https = RecordingSchemaRegistry.startHttps(tls.server)) {
      int id =
          SchemaRegistryClient.builder(https.url())
              .truststore(tls.truststore, TestTls.PASSWORD, "PKCS12")
              .build()
              .register("tls-value", "s");

      assertThat(id).isEqualTo(https.idOf("tls-value").orElseThrow());
      assertThatThrownBy(() -> SchemaRegistryClient.of(https.url()).register("tls-value", "s"))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("schema registry at " + https.url())
          .hasMessageContaining("TLS failed")
          .hasMessageContaining("schema.registry.ssl.truststore.location");
    }
  }

  @Test
  void anUnreadableTruststoreIsAClearError(@TempDir Path dir) {
    Path missing = dir.resolve("nope.p12");

    assertThatThrownBy(
            () ->
                SchemaRegistryClient.builder("https://r:8081")
                    .truststore(missing, "x", null)
                    .build())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("cannot read the schema registry truststore " + missing)
        .hasMessageContaining("no such file");
  }

  @Test
  void misconfigurationsAreClearErrors() {
    assertThatThrownBy(() -> SchemaRegistryClient.of("registry:8081"))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("must be an http:// or https:// URL");
    assertThatThrownBy(() -> SchemaRegistryClient.builder("http://r").basicAuth("alice").build())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("user:password");
    assertThatThrownBy(
            () ->
                SchemaRegistryClient.builder("http://r").basicAuth("a:b").bearerToken("t").build())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("not both");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
