package dev.empath.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Minimal client for the Confluent Schema Registry REST API, which Confluent, Apicurio (ccompat),
 * Karapace and Redpanda all serve. Registration is idempotent on the registry side; ids are cached
 * here so the registry is asked once per subject and schema.
 */
public final class SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();

  public SchemaRegistryClient(URI baseUrl, Duration timeout) {
    String url = baseUrl.toString();
    this.baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public static SchemaRegistryClient of(String baseUrl) {
    return new SchemaRegistryClient(URI.create(baseUrl), Duration.ofSeconds(10));
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** Registers a protobuf schema under {@code subject} (or finds it) and returns its global id. */
  public int register(String subject, String protoSchema) {
    return ids.computeIfAbsent(
        subject + '\u0000' + protoSchema, key -> registerRemotely(subject, protoSchema));
  }

  /** The schema text a registry holds for a global id. */
  public String schemaById(int id) {
    JsonNode body = send(get("schemas/ids/" + id), "schema id " + id);
    return body.path("schema").asText();
  }

  private int registerRemotely(String subject, String protoSchema) {
    String json;
    try {
      json = JSON.writeValueAsString(Map.of("schemaType", "PROTOBUF", "schema", protoSchema));
    } catch (IOException e) {
      throw new SerializationException("cannot encode schema for subject " + subject, e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                baseUrl.resolve(
                    "subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
            .timeout(timeout)
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    JsonNode body = send(request, "subject " + subject);
    if (!body.hasNonNull("id")) {
      throw new SerializationException(
          "schema registry at " + baseUrl + " answered without an id for subject " + subject);
    }
    return body.get("id").asInt();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(timeout)
        .header("Accept", CONTENT_TYPE)
        .GET()
        .build();
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SerializationException(
          "schema registry at " + baseUrl + " unreachable for " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SerializationException("interrupted while calling schema registry", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new SerializationException(
          "schema registry at "
              + baseUrl
              + " refused "
              + what
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new SerializationException("schema registry answered malformed JSON for " + what, e);
    }
  }
}
