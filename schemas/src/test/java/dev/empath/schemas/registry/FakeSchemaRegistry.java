package dev.empath.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server speaking the two registry endpoints the serdes use, so tests exercise the
 * actual client over a socket. It can be told to fail the next call.
 */
final class FakeSchemaRegistry implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(100);
  private final AtomicInteger registrations = new AtomicInteger();
  private final AtomicReference<Object[]> failure = new AtomicReference<>();

  private FakeSchemaRegistry(HttpServer server) {
    this.server = server;
  }

  static FakeSchemaRegistry start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeSchemaRegistry registry = new FakeSchemaRegistry(server);
    server.createContext("/", registry::handle);
    server.start();
    return registry;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int idOf(String subject) {
    return idsBySubject.get(subject);
  }

  String schemaOf(String subject) {
    return schemasById.get(idOf(subject));
  }

  int registrations() {
    return registrations.get();
  }

  void failNext(int status, String body) {
    failure.set(new Object[] {status, body});
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Object[] fail = failure.getAndSet(null);
      if (fail != null) {
        respond(exchange, (Integer) fail[0], (String) fail[1]);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      if ("POST".equals(exchange.getRequestMethod()) && path.matches("/subjects/[^/]+/versions")) {
        String subject = URLDecoder.decode(path.split("/")[2], StandardCharsets.UTF_8);
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (!"PROTOBUF".equals(body.path("schemaType").asText())) {
          respond(exchange, 422, "{\"message\":\"schemaType must be PROTOBUF\"}");
          return;
        }
        registrations.incrementAndGet();
        int id = idsBySubject.computeIfAbsent(subject, s -> nextId.getAndIncrement());
        schemasById.put(id, body.path("schema").asText());
        respond(exchange, 200, "{\"id\":" + id + "}");
      } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/schemas/ids/")) {
        String schema = schemasById.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
        if (schema == null) {
          respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        } else {
          respond(exchange, 200, JSON.writeValueAsString(Map.of("schema", schema)));
        }
      } else {
        respond(exchange, 404, "{\"message\":\"no such endpoint\"}");
      }
    }
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
