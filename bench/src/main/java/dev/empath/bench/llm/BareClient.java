package dev.empath.bench.llm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The fake provider called with nothing of the worker around it: the JDK HTTP client the worker
 * uses, one blocking call per thread, the same body size. What it reaches is the most the provider
 * and the HTTP stack allow on this machine — if this falls short of Little's law, the benchmark
 * measures its own provider, not the worker.
 */
final class BareClient {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI uri;
  private final ExecutorService threads;
  private final String body;

  BareClient(int port, ExecutorService threads) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
    this.threads = threads;
    // About the size of the worker's prompts.
    this.body =
        "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + "x".repeat(1200)
            + "\"}]}";
  }

  CompletableFuture<Boolean> call() {
    return CompletableFuture.supplyAsync(this::send, threads);
  }

  private boolean send() {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
