package dev.empath.bench.query.live;

import dev.empath.bench.harness.ChildJvm;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * query-api as it is deployed: its own module's class path in a child JVM with a bounded heap,
 * against the benchmark's Kafka and Redis, so its heap, threads and RSS are its own. Memory is read
 * from outside, the way an operator would: {@code jcmd GC.run} then {@code GC.heap_info} for the
 * heap after a full collection, {@code /proc/<pid>/status} for resident memory and threads.
 */
final class QueryApiChild implements AutoCloseable {

  static final String MAX_HEAP = "256m";

  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final URI uri;
  private final String apiKey;
  private final String game;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private QueryApiChild(Process process, URI uri, String apiKey, String game, Path log) {
    this.process = process;
    this.uri = uri;
    this.apiKey = apiKey;
    this.game = game;
    this.log = log;
  }

  /** Starts the child and waits until its live feed reads the topics (so nothing is missed). */
  static QueryApiChild start(
      String redisUri, String bootstrapServers, String topicPrefix, String game, String apiKey)
      throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile("bench-query-api-child", ".log");
    Process process =
        ChildJvm.ofModule(MAX_HEAP, "query-api", "dev.empath.query.Application")
            // Dies on the first OutOfMemoryError, so "held" cannot hide a half-broken server.
            .option("-XX:+ExitOnOutOfMemoryError")
            .option("-Dmicronaut.server.port=" + port)
            .option("-Dredis.url=" + redisUri)
            .option("-Dkafka.bootstrap.servers=" + bootstrapServers)
            .option("-Dempath.topic.prefix=" + topicPrefix)
            .option("-Dempath.api.keys." + KeyHash.sha256Hex(apiKey) + "=" + game)
            .option("-Dempath.api.rate-limit-per-second=1000000000")
            .option("-Dempath.api.rate-limit-burst=1000000000")
            .processBuilder()
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    QueryApiChild child =
        new QueryApiChild(process, URI.create("http://127.0.0.1:" + port), apiKey, game, log);
    child.awaitFeed();
    return child;
  }

  URI uri() {
    return uri;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The server's own count of open live streams (its rates endpoint). */
  int openStreams() throws IOException, InterruptedException {
    return rates().openStreams();
  }

  /** Heap in use right after a full collection the child ran on request, in bytes. */
  long heapAfterGcBytes() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
    long usedKiB = 0;
    boolean found = false;
    // G1 prints one heap line; the generational collectors one per generation.
    while (m.find()) {
      usedKiB += Long.parseLong(m.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("no heap usage in jcmd GC.heap_info of " + pid());
    }
    return usedKiB * 1024;
  }

  /** A {@code /proc/<pid>/status} field in KiB (VmRSS, VmHWM) or as a count (Threads). */
  long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid()), command))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out.strip());
    }
    return out;
  }

  private void awaitFeed() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("query-api exited; its log: " + log);
      }
      try {
        // The lag is known once the feed has polled from the topics' end at least once.
        if (rates().projectionLag() >= 0) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200); // polling a child process's readiness; nothing to await on
    }
    throw new IllegalStateException("query-api not ready in " + START_TIMEOUT + "; log: " + log);
  }

  private Rates rates() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri.resolve("/v1/games/" + game + "/rates"))
            .header("Authorization", "Bearer " + apiKey)
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("rates answered " + response.statusCode());
    }
    return Json.read(response.body(), Rates.class);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** The fields of the rates answer this benchmark reads. */
  record Rates(long projectionLag, int openStreams) {}
}
