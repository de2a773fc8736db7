package dev.empath.bench.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.empath.bench.harness.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's model: an OpenAI chat-completions endpoint answering every request after a fixed
 * delay. It runs in its own JVM ({@link #launch}) so that its threads, garbage and CPU are not
 * charged to the worker's heap and profile — the worker under test shares only the machine with it.
 *
 * <p>Settings that matter at 500 concurrent connections, each checked by the benchmark's
 * bare-client phase: the JDK server closes every idle keep-alive connection beyond {@code
 * sun.net.httpserver.maxIdleConnections} (default 200), which at 500 connections turns most
 * requests into a new TCP connection; the accept backlog; and TCP_NODELAY, without which Nagle's
 * algorithm and delayed ACKs add ~40 ms to an answer written as headers then body. Delays are
 * scheduled on a timer, not slept on a thread.
 */
public final class FakeProvider {

  static final String READY = "fake-provider-port ";

  private FakeProvider() {}

  /** Runs the provider until standard input closes (the benchmark ended or died). */
  public static void main(String[] args) throws IOException {
    long delayMs = Long.parseLong(args[0]);
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
    HttpServer server = start(delayMs);
    System.out.println(READY + server.getAddress().getPort());
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // nothing is sent; end of input is the signal to stop
      }
    }
    server.stop(0);
    System.exit(0);
  }

  public static HttpServer start(long delayMs) throws IOException {
    byte[] body =
        ("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Stay close.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":4,\"total_tokens\":124}}")
            .getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          long received = System.nanoTime();
          exchange.getRequestBody().readAllBytes();
          long due = delayMs * 1_000_000 - (System.nanoTime() - received);
          timer.schedule(() -> answer(exchange, body), due, TimeUnit.NANOSECONDS);
        });
    // Handlers only read a small body and schedule the answer: a few threads keep up.
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange, byte[] body) {
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      out.write(body);
    } catch (IOException e) {
      exchange.close();
    }
  }

  /** A running provider process and its port; closing it ends the process. */
  record Process(java.lang.Process process, int port) implements AutoCloseable {
    /** CPU time the provider process used so far (its own, not the benchmark's). */
    long cpuNanos() {
      return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  /** Starts the provider in a child JVM with this JVM's class path and waits for its port. */
  static Process launch(long delayMs) throws IOException {
    java.lang.Process process =
        ChildJvm.of("128m", FakeProvider.class)
            .args(Long.toString(delayMs))
            .processBuilder()
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(READY)) {
        return new Process(process, Integer.parseInt(line.substring(READY.length()).strip()));
      }
    }
    process.destroyForcibly();
    throw new IOException("fake provider exited before it listened");
  }
}
