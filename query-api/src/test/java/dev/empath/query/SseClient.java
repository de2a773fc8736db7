package dev.empath.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream line by line in the background, as a browser would. */
final class SseClient implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private volatile Stream<String> body;

  SseClient(HttpClient client, URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(
        r -> {
          body = r.body();
          body.forEach(lines::add);
        });
  }

  int status() {
    return response.join().statusCode();
  }

  String contentType() {
    return response.join().headers().firstValue("Content-Type").orElse("");
  }

  /** Everything received so far, one line each ("event: update", "data: {...}", ""). */
  String received() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    response.cancel(true);
    Stream<String> b = body;
    if (b != null) {
      b.close();
    }
  }
}
