package dev.empath.platform.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.threads.DaemonThreads;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of a worker process that has no web framework of its own: {@code GET
 * /metrics} in the Prometheus text format, and {@code GET /health}, 200 when every check passes and
 * 503 naming the ones that fail (JSON either way). Built on the JDK's HTTP server: scrapes and
 * probes are rare, one thread serves them.
 */
public final class OpsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService thread;

  private OpsServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Listens on {@code port} of every interface (0 picks a free port).
   *
   * @param checks named health checks, all asked on every probe; one that throws fails
   * @throws UncheckedIOException when the port cannot be bound, naming it
   */
  public static OpsServer start(
      int port, PrometheusMeterRegistry registry, Map<String, BooleanSupplier> checks) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on operations port " + port + " (empath.ops.port)", e);
    }
    Map<String, BooleanSupplier> ordered = new LinkedHashMap<>(checks);
    server.createContext(
        "/metrics",
        exchange -> {
          if (refusedUnlessGet(exchange)) {
            return;
          }
          answer(exchange, 200, PROMETHEUS_TEXT, registry.scrape(PROMETHEUS_TEXT));
        });
    server.createContext(
        "/health",
        exchange -> {
          if (!refusedUnlessGet(exchange)) {
            health(exchange, ordered);
          }
        });
    ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("ops-http"));
    server.setExecutor(thread);
    server.start();
    log.info("metrics on :{}/metrics, health on :{}/health", port(server), port(server));
    return new OpsServer(server, thread);
  }

  /** Starts on {@link EmpathConfig#opsPort()}, or not at all when that is negative. */
  public static Optional<OpsServer> startIfEnabled(
      EmpathConfig config, PrometheusMeterRegistry registry, Map<String, BooleanSupplier> checks) {
    int port = config.opsPort();
    return port < 0 ? Optional.empty() : Optional.of(start(port, registry, checks));
  }

  public int port() {
    return port(server);
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }

  private static void health(HttpExchange exchange, Map<String, BooleanSupplier> checks)
      throws IOException {
    Map<String, String> results = new LinkedHashMap<>();
    checks.forEach((name, check) -> results.put(name, passes(check) ? "UP" : "DOWN"));
    boolean up = !results.containsValue("DOWN");
    String body =
        results.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
            .collect(
                Collectors.joining(
                    ",", "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":{", "}}"));
    answer(exchange, up ? 200 : 503, "application/json", body);
  }

  private static boolean passes(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Answers 405 to anything but GET, before any work is done for it; true if it did. */
  private static boolean refusedUnlessGet(HttpExchange exchange) throws IOException {
    if ("GET".equals(exchange.getRequestMethod())) {
      return false;
    }
    try (exchange) {
      exchange.getResponseHeaders().add("Allow", "GET");
      exchange.sendResponseHeaders(405, -1);
    }
    return true;
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange;
        OutputStream out = exchange.getResponseBody()) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
