package dev.empath.cli.up;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real local HTTP server answering OpenAI chat completions with one line; records callers. */
final class FakeOpenAi implements AutoCloseable {

  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  FakeOpenAi(String line) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] body =
        ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":\""
                + line
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,"
                + "\"completion_tokens\":6,\"total_tokens\":46}}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.getRequestBody().readAllBytes();
            authorizations.add(
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
          }
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The Authorization header of every call so far. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
