package dev.empath.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server speaking the part of the Confluent Schema Registry REST API that the
 * project's client uses ({@code POST /subjects/{subject}/versions}, {@code GET /schemas/ids/{id}}),
 * recording every registration with its {@code Authorization} header. Each subject gets its own id
 * (from 1001 up) so a test can tell which subject a framed record was written for; registering the
 * same schema again under a subject returns the same id, as a registry does.
 */
public final class RecordingSchemaRegistry implements AutoCloseable {

  /** One {@code POST /subjects/{subject}/versions} as it arrived. */
  public record Registration(
      String subject, String schemaType, String schema, String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FIRST_ID = 1001;

  private final HttpServer server;
  private final String scheme;
  private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger(FIRST_ID);
  private final AtomicReference<String> requiredAuthorization = new AtomicReference<>();
  private final AtomicReference<Object[]> failure = new AtomicReference<>();

  private RecordingSchemaRegistry(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.start();
  }

  /** A plain-HTTP registry on a free port of 127.0.0.1. */
  public static RecordingSchemaRegistry start() {
    try {
      return new RecordingSchemaRegistry(
          HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS registry on a free port of 127.0.0.1 presenting the key of {@code tls}. */
  public static RecordingSchemaRegistry startHttps(SSLContext tls) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new RecordingSchemaRegistry(server, "https");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers 401 to any request whose {@code Authorization} header is not exactly {@code value}. */
  public RecordingSchemaRegistry requireAuthorization(String value) {
    requiredAuthorization.set(value);
    return this;
  }

  /** The next request is answered with {@code status} and {@code body}, whatever it is. */
  public void failNext(int status, String body) {
    failure.set(new Object[] {status, body});
  }

  public List<Registration> registrations() {
    return List.copyOf(registrations);
  }

  public Optional<Integer> idOf(String subject) {
    return Optional.ofNullable(idsBySubject.get(subject));
  }

  public Map<String, Integer> subjects() {
    return Map.copyOf(idsBySubject);
  }

  public String schemaOf(String subject) {
    return idOf(subject).map(schemasById::get).orElse(null);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Object[] fail = failure.getAndSet(null);
      if (fail != null) {
        respond(exchange, (Integer) fail[0], (String) fail[1]);
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String required = requiredAuthorization.get();
      if (required != null && !required.equals(authorization)) {
        respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if ("POST".equals(method) && path.matches("/subjects/[^/]+/versions")) {
        register(
            exchange, URLDecoder.decode(path.split("/")[2], StandardCharsets.UTF_8), authorization);
      } else if ("GET".equals(method) && path.matches("/schemas/ids/[0-9]+")) {
        String schema = schemasById.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
        if (schema == null) {
          respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        } else {
          respond(exchange, 200, JSON.writeValueAsString(Map.of("schema", schema)));
        }
      } else {
        respond(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
      }
    }
  }

  private void register(HttpExchange exchange, String subject, String authorization)
      throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String type = body.path("schemaType").asText("AVRO");
    registrations.add(new Registration(subject, type, body.path("schema").asText(), authorization));
    if (!"PROTOBUF".equals(type)) {
      respond(exchange, 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
      return;
    }
    int id = idsBySubject.computeIfAbsent(subject, s -> nextId.getAndIncrement());
    schemasById.put(id, body.path("schema").asText());
    respond(exchange, 200, "{\"id\":" + id + "}");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
