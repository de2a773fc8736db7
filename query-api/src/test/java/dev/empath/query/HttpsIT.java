package dev.empath.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.embedded.security.TestCertificates;
import dev.empath.query.auth.KeyHash;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * query-api serving HTTPS only, with a certificate from the deployment's CA, and API keys rotated
 * through the keys file while it serves: old and new key both work, then only the new one.
 */
class HttpsIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final String GAME = "game-tls";
  private static final String OLD_KEY = "old-key";
  private static final String NEW_KEY = "new-key";

  @TempDir static Path dir;

  static TestCertificates certificates;
  static Path keysFile;
  static EmbeddedServer server;
  static HttpClient trusting;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir.resolve("certs"));
    keysFile = dir.resolve("api-keys");
    writeKeys(OLD_KEY);
    new TestData(redis.client()).session(GAME, "s1");
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.ofEntries(
                Map.entry("micronaut.server.ssl.enabled", true),
                Map.entry("micronaut.server.ssl.port", -1),
                Map.entry("micronaut.server.ssl.key-store.path", "file:" + certificates.keystore()),
                Map.entry("micronaut.server.ssl.key-store.password", certificates.password()),
                Map.entry("micronaut.server.ssl.key-store.type", "PKCS12"),
                Map.entry("redis.url", redis.uri()),
                Map.entry("empath.api.keys-file", keysFile.toString()),
                Map.entry("empath.api.keys-file-reload-ms", 100),
                Map.entry("empath.api.rate-limit-per-second", 100_000),
                Map.entry("empath.api.rate-limit-burst", 100_000)));
    trusting =
        HttpClient.newBuilder()
            .sslContext(certificates.clientContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
  }

  @Test
  void servesHttpsWithTheDeploymentsCertificateAndNothingElse() throws Exception {
    assertThat(server.getScheme()).isEqualTo("https");
    assertThat(get(trusting, "/health", null).statusCode()).isEqualTo(200);
    HttpClient jdkTrust = HttpClient.newHttpClient();
    assertThatThrownBy(() -> get(jdkTrust, "/health", null))
        .as("a certificate the JDK's CAs did not sign")
        .isInstanceOf(SSLHandshakeException.class);
    URI plain = URI.create("http://localhost:" + server.getPort() + "/health");
    assertThatThrownBy(
            () ->
                jdkTrust.send(
                    HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .as("plain HTTP on the TLS port")
        .isInstanceOf(IOException.class);
  }

  @Test
  void aKeyIsRotatedThroughTheKeysFileWithoutARestart() throws Exception {
    String path = "/v1/games/" + GAME + "/sessions/s1/emotion";
    assertThat(get(trusting, path, OLD_KEY).statusCode()).isEqualTo(200);
    assertThat(get(trusting, path, NEW_KEY).statusCode()).isEqualTo(401);

    writeKeys(OLD_KEY, NEW_KEY);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(trusting, path, NEW_KEY).statusCode() == 200);
    assertThat(get(trusting, path, OLD_KEY).statusCode()).as("both keys at once").isEqualTo(200);

    writeKeys(NEW_KEY);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(trusting, path, OLD_KEY).statusCode() == 401);
    assertThat(get(trusting, path, NEW_KEY).statusCode()).isEqualTo(200);
  }

  private static void writeKeys(String... keys) throws IOException {
    List<String> lines =
        java.util.Arrays.stream(keys).map(k -> KeyHash.sha256Hex(k) + " " + GAME).toList();
    Path next = keysFile.resolveSibling("api-keys.next");
    Files.write(next, lines);
    // Replaced in one step, as an operator's `mv` would: a reader never sees half a file.
    Files.move(
        next,
        keysFile,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static HttpResponse<String> get(HttpClient client, String path, String key)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
