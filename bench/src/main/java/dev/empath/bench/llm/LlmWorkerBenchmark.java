package dev.empath.bench.llm;

import com.sun.net.httpserver.HttpServer;
import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.LatencyRecorder;
import dev.empath.embedded.RedisServerHandle;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.app.LlmWorkerSettings;
import dev.empath.llm.worker.GenerationService;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.schemas.v1.EmotionContext;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.RedisClient;

/**
 * Overhead, throughput and heap of the worker's request path (prompt, memories, cache, budget,
 * provider call through LangChain4j, usage accounting — everything but Kafka) against a local
 * OpenAI-format server that answers after exactly 200 ms.
 *
 * <p>Usage: {@code bench/llm-worker [seconds-per-phase]} (default 15).
 */
public final class LlmWorkerBenchmark {

  static final long PROVIDER_DELAY_MS = 200;
  static final int IN_FLIGHT = 500;

  private LlmWorkerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and delayed ACKs add ~40 ms to every answer, which would be charged to the worker.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    BenchReport report = BenchReport.stdout();
    HttpServer provider = fakeProvider();
    try (RedisServerHandle redisServer = RedisServerHandle.start();
        RedisClient redis = RedisConnections.open(redisServer.uri(), 256)) {
      ExecutorService executor = LlmWorker.executor(IN_FLIGHT);
      GenerationService service =
          LlmWorker.service(
              new LlmWorkerSettings(EmpathConfig.of(config(redisServer.uri(), provider))),
              redis,
              executor,
              name -> "bench");
      report.info("provider delay %d ms, %d s per phase", PROVIDER_DELAY_MS, seconds);

      run(service, 50, 3, null, null); // warm-up: class loading, JIT, connections
      LatencyRecorder overhead = new LatencyRecorder();
      run(service, 50, seconds, overhead, null);
      report.latencies("llm_overhead", overhead);

      long[] heap = new long[1];
      long start = System.nanoTime();
      long done = run(service, IN_FLIGHT, seconds, null, heap);
      double elapsedS = (System.nanoTime() - start) / 1e9;
      double throughput = done / elapsedS;
      double littles = IN_FLIGHT / (PROVIDER_DELAY_MS / 1000.0);
      report.metric("llm_throughput_500_inflight", throughput, "req/s");
      report.metric("llm_littles_law_bound", littles, "req/s");
      report.metric("llm_throughput_vs_littles_law", throughput / littles, "ratio");
      report.metric("llm_heap_500_inflight", heap[0] / (1024.0 * 1024.0), "MiB");
      report.metric("llm_heap_max", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), "MiB");
      executor.shutdownNow();
    } finally {
      provider.stop(0);
    }
    System.exit(0); // the fake provider's and the worker's pools are not daemons
  }

  /**
   * Keeps {@code concurrency} requests in flight for {@code seconds}; records latency minus the
   * provider's fixed delay. Returns the number of completed requests.
   */
  static long run(
      GenerationService service,
      int concurrency,
      int seconds,
      LatencyRecorder overhead,
      long[] heapSample)
      throws Exception {
    java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(concurrency);
    AtomicLong completed = new AtomicLong();
    AtomicLong offline = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long heapAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) / 2;
    long n = 0;
    while (System.nanoTime() < end) {
      slots.acquire();
      long t0 = System.nanoTime();
      CompletableFuture<GenerationResult> f = service.submit(request(n++));
      f.whenComplete(
          (r, e) -> {
            slots.release();
            if (r != null && !"offline".equals(r.getProvider())) {
              completed.incrementAndGet();
              if (overhead != null) {
                overhead.recordNanos(
                    Math.max(0, System.nanoTime() - t0 - PROVIDER_DELAY_MS * 1_000_000));
              }
            } else {
              offline.incrementAndGet();
            }
          });
      if (heapSample != null && heapSample[0] == 0 && System.nanoTime() > heapAt) {
        System.gc(); // live heap with every slot taken, not garbage awaiting collection
        heapSample[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      }
    }
    slots.acquire(concurrency);
    if (offline.get() > 0) {
      System.out.println("# " + offline.get() + " requests fell back to offline (not counted)");
    }
    return completed.get();
  }

  static GenerationRequest request(long n) {
    long now = System.currentTimeMillis();
    return GenerationRequest.newBuilder()
        .setRequestId("bench-" + n)
        .setGameId("bench-game")
        .setSessionId("session-" + (n % 1000))
        .setPlayerId("player-" + (n % 100))
        .setCharacterId("aria")
        .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
        .setTone("tense")
        .setEmotion(EmotionContext.newBuilder().setDominantEmotion("anxiety").setConfidence(0.7f))
        .setCreatedAtMs(now)
        .setDeadlineMs(now + 10_000)
        .setMaxTokens(60)
        .setPlayerText("unique words " + n) // no cache hits: every request reaches the provider
        .build();
  }

  static Map<String, String> config(String redisUrl, HttpServer provider) {
    Map<String, String> c = new HashMap<>();
    c.put("redis.url", redisUrl);
    c.put("empath.llm.providers", "local");
    c.put("empath.llm.provider.local.type", "openai");
    c.put(
        "empath.llm.provider.local.url",
        "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1");
    c.put("empath.llm.provider.local.model", "bench-model");
    c.put("empath.llm.max.in.flight", Integer.toString(IN_FLIGHT));
    c.put("empath.llm.budget.requests.per.second", "1000000");
    c.put("empath.llm.budget.request.burst", "1000000");
    c.put("empath.llm.budget.tokens.per.minute", "1000000000");
    c.put("empath.llm.budget.token.burst", "1000000000");
    c.put("empath.llm.characters", "aria");
    c.put("empath.llm.character.aria.name", "Aria");
    return c;
  }

  /** OpenAI chat completions after a fixed delay; delays are scheduled, not slept on a thread. */
  static HttpServer fakeProvider() throws IOException {
    byte[] body =
        ("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Stay close.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":4,\"total_tokens\":124}}")
            .getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    java.util.concurrent.ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          timer.schedule(
              () -> {
                try (OutputStream out = exchange.getResponseBody()) {
                  exchange.getResponseHeaders().add("Content-Type", "application/json");
                  exchange.sendResponseHeaders(200, body.length);
                  out.write(body);
                } catch (IOException e) {
                  exchange.close();
                }
              },
              PROVIDER_DELAY_MS,
              TimeUnit.MILLISECONDS);
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }
}
