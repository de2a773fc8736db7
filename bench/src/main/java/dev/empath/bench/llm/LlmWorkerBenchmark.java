package dev.empath.bench.llm;

import dev.empath.bench.harness.BenchArgs;
import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.HelpOption;
import dev.empath.bench.harness.JitWarmUp;
import dev.empath.bench.harness.LatencyRecorder;
import dev.empath.embedded.RedisServerHandle;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.llm.worker.GenerationService;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.schemas.v1.EmotionContext;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.RedisClient;

/**
 * Overhead, throughput and heap of the LLM worker against a local OpenAI-format server that answers
 * after exactly 200 ms, in five phases:
 *
 * <ol>
 *   <li>the fake provider alone, called by a bare JDK HTTP client at 500 in flight: the ceiling
 *       this machine allows, so a shortfall of the worker is not the provider's;
 *   <li>the request path (prompt, memories, cache and budget, provider call through LangChain4j,
 *       usage accounting — everything but Kafka), warmed up at 500 in flight until the JIT is quiet
 *       ({@link JitWarmUp}), then at 50 in flight: the worker's own overhead per request (its
 *       latency minus the time in the provider's HTTP exchange) and its latency above the nominal
 *       delay; then worker and bare-client calls alternating at the same concurrency, each one's
 *       latency above the nominal delay;
 *   <li>the same at 500 in flight: throughput against Little's law, live heap, CPU per request;
 *   <li>the machine's floor ({@link MachineFloor}): a thread hand-off and a Redis round trip at the
 *       same load, the two steps no worker design avoids;
 *   <li>the whole worker with Kafka (embedded broker, transactions, read_committed reader) working
 *       off a backlog with 500 in flight: throughput against Little's law.
 * </ol>
 *
 * <p>The provider runs in its own JVM ({@link FakeProvider}), so its threads, heap and CPU are not
 * the worker's. Options: {@code bench/llm-worker --help}.
 */
public final class LlmWorkerBenchmark {

  @Command(
      name = "bench/llm-worker",
      description =
          "llm-worker against a local provider answering after 200 ms: its overhead p99 over the"
              + " provider's latency, throughput at 500 in flight against Little's law, heap (run"
              + " with -Xmx256m by the script), and throughput through Kafka. Prints BENCH lines.")
  static final class Options {

    @Mixin HelpOption help;

    @Option(
        names = "--seconds",
        defaultValue = "15",
        description = "length of each phase (default: ${DEFAULT-VALUE})")
    int seconds;
  }

  static final long PROVIDER_DELAY_MS = 200;
  static final long PROVIDER_DELAY_NANOS = PROVIDER_DELAY_MS * 1_000_000;
  static final int IN_FLIGHT = 500;
  static final int PLAYERS = 100;
  static final double LITTLES_LAW = IN_FLIGHT / (PROVIDER_DELAY_MS / 1000.0);
  static final int WARM_UP_ROUND_SECONDS = 3;
  static final double WARM_UP_QUIET_SHARE = 0.01;
  static final Duration WARM_UP_LIMIT = Duration.ofSeconds(90);

  private LlmWorkerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = BenchArgs.parse(new Options(), args).seconds;
    if (seconds < 3) {
      System.err.println("--seconds must be at least 3");
      System.exit(2);
    }
    BenchReport report = BenchReport.stdout();
    report.info("provider delay %d ms, %d s per phase", PROVIDER_DELAY_MS, seconds);
    try (FakeProvider.Process provider = FakeProvider.launch(PROVIDER_DELAY_MS);
        RedisServerHandle redisServer = RedisServerHandle.start();
        RedisClient redis = RedisConnections.open(redisServer.uri())) {
      ExecutorService threads = LlmWorker.executor(IN_FLIGHT);
      BareClient bareClient = new BareClient(provider.port(), threads);
      bareProvider(report, bareClient, Math.max(3, seconds / 3));

      BenchMemories.seed(redis, "bench-game", "aria", PLAYERS);
      report.info("%d memories for each of %d players", BenchMemories.PER_PLAYER, PLAYERS);
      Map<String, String> config = config(redisServer.uri(), provider.port());
      try (GenerationService service =
          LlmWorker.service(
              new LlmWorkerSettings(EmpathConfig.of(config)), redis, threads, name -> "bench")) {
        requestPath(report, service, bareClient, provider, seconds);
      }
      machineFloor(report, redis, threads, seconds);
      threads.shutdownNow();

      try (KafkaPath kafka = new KafkaPath(config, redis)) {
        kafkaPath(report, kafka, seconds);
      }
    }
    System.exit(0); // the worker's and the HTTP client's pools are not all daemons
  }

  private static void bareProvider(BenchReport report, BareClient client, int seconds)
      throws InterruptedException {
    ClosedLoad.run(IN_FLIGHT, 2, n -> client.call(), null, 0, false); // connections, JIT
    LatencyRecorder latency = new LatencyRecorder();
    ClosedLoad.Outcome bare =
        ClosedLoad.run(
            IN_FLIGHT, seconds, n -> client.call(), latency, PROVIDER_DELAY_NANOS, false);
    report.info(
        "bare client, %d in flight: %d answers, %d failed",
        IN_FLIGHT, bare.counted(), bare.other());
    report.metric(
        "llm_provider_bare_throughput_vs_littles_law", bare.perSecond() / LITTLES_LAW, "ratio");
    report.metric("llm_provider_bare_latency_above_delay_p99", latency.percentileMillis(99), "ms");
    report.metric("llm_provider_bare_client_cpu_per_request", bare.cpuMillisPerCall(), "ms");
  }

  private static void requestPath(
      BenchReport report,
      GenerationService service,
      BareClient bareClient,
      FakeProvider.Process provider,
      int seconds)
      throws InterruptedException {
    // Class loading and JIT at full load until the compilers are quiet: a worker runs for hours,
    // its first half minute, while C2 still compiles its hot paths, is not it.
    JitWarmUp.Outcome warm =
        JitWarmUp.untilQuiet(
            WARM_UP_QUIET_SHARE,
            WARM_UP_LIMIT,
            round -> {
              long first = 4_000_000_000L + round * 10_000_000L; // below the next phase's ids
              ClosedLoad.run(
                  IN_FLIGHT, WARM_UP_ROUND_SECONDS, n -> call(service, first + n), null, 0, false);
            });
    report.info(
        "warm-up in rounds of %d s at %d in flight: %s",
        WARM_UP_ROUND_SECONDS, IN_FLIGHT, warm.describe());
    report.metric("llm_warm_up_seconds", warm.seconds(), "s");
    // Settle at the measured concurrency first: right after 500 in flight, the heap, the garbage
    // collector (a concurrent cycle often ends here) and the thread pool are still those of the
    // heavier load.
    ClosedLoad.run(
        50, Math.max(3, seconds / 3), n -> call(service, 5_000_000_000L + n), null, 0, false);
    // Two views of each request at 50 in flight. The worker's own overhead: its latency minus the
    // time it waited on the provider's HTTP exchange (what LLM gateways report as overhead). And
    // its latency above the nominal 200 ms, which also holds the loopback HTTP exchange itself.
    LatencyRecorder overhead = new LatencyRecorder();
    LatencyRecorder aboveDelay = new LatencyRecorder();
    service.reportOverheadTo(overhead::recordNanos);
    long compiledBefore = JitWarmUp.compiledMillis();
    ClosedLoad.Outcome fifty =
        ClosedLoad.run(50, seconds, n -> call(service, n), aboveDelay, PROVIDER_DELAY_NANOS, false);
    service.reportOverheadTo(nanos -> {});
    report.info(
        "JIT compilation during the %d s at 50 in flight: %d ms",
        seconds, JitWarmUp.compiledMillis() - compiledBefore);
    offlineNote(report, fifty.other());
    report.latencies("llm_overhead", overhead);
    report.latencies("llm_latency_above_delay", aboveDelay);
    // The same concurrency, with worker calls and bare client calls alternating in one closed
    // loop: what the HTTP client and the provider alone add above the nominal delay, measured at
    // the same moments as the worker beside them (phases one after the other drift apart with the
    // machine's noise).
    LatencyRecorder worker = new LatencyRecorder();
    LatencyRecorder bare = new LatencyRecorder();
    ClosedLoad.run(
        50,
        seconds,
        n ->
            n % 2 == 0
                ? timed(() -> call(service, 6_000_000_000L + n), worker)
                : timed(bareClient::call, bare),
        null,
        0,
        false);
    report.latencies("llm_interleaved_worker_above_delay", worker);
    report.latencies("llm_provider_bare_50_inflight_above_delay", bare);
    report.metric(
        "llm_latency_above_delay_vs_bare_client_p50",
        worker.percentileMillis(50) - bare.percentileMillis(50),
        "ms");
    report.metric(
        "llm_latency_above_delay_vs_bare_client_p99",
        worker.percentileMillis(99) - bare.percentileMillis(99),
        "ms");

    LatencyRecorder loaded = new LatencyRecorder();
    long providerCpu = provider.cpuNanos();
    ClosedLoad.Outcome full =
        ClosedLoad.run(
            IN_FLIGHT,
            seconds,
            n -> call(service, 1_000_000_000L + n),
            loaded,
            PROVIDER_DELAY_NANOS,
            true);
    offlineNote(report, full.other());
    report.latencies("llm_overhead_500_inflight", loaded);
    report.metric("llm_throughput_500_inflight", full.perSecond(), "req/s");
    report.metric("llm_littles_law_bound", LITTLES_LAW, "req/s");
    report.metric("llm_throughput_vs_littles_law", full.perSecond() / LITTLES_LAW, "ratio");
    report.metric("llm_cpu_per_request", full.cpuMillisPerCall(), "ms");
    report.metric(
        "llm_provider_cpu_per_request",
        (provider.cpuNanos() - providerCpu) / 1e6 / Math.max(1, full.counted()),
        "ms");
    report.metric("llm_heap_500_inflight", full.heapBytes() / (1024.0 * 1024.0), "MiB");
    report.metric("llm_heap_max", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), "MiB");
  }

  private static void machineFloor(
      BenchReport report, RedisClient redis, ExecutorService threads, int seconds)
      throws InterruptedException {
    MachineFloor.Figures floor =
        MachineFloor.measure(redis, threads, 50, PROVIDER_DELAY_NANOS, seconds);
    report.latencies("llm_floor_thread_handoff", floor.handoff());
    report.latencies("llm_floor_redis_round_trip", floor.redisRoundTrip());
  }

  private static void kafkaPath(BenchReport report, KafkaPath kafka, int seconds) {
    KafkaPath.Outcome warm = kafka.run(2_000_000_000L, IN_FLIGHT, Duration.ofSeconds(60));
    report.info("kafka warm-up: %d results in %.1f s", warm.results(), warm.seconds());
    int count = (int) (LITTLES_LAW * seconds);
    KafkaPath.Outcome run = kafka.run(3_000_000_000L, count, Duration.ofSeconds(seconds * 4L));
    offlineNote(report, run.offline());
    report.info(
        "kafka: %d of %d results in %.1f s, %d request partitions",
        run.results(), count, run.seconds(), kafka.requestPartitions());
    double perSecond = run.results() / run.seconds();
    report.metric("llm_kafka_throughput_500_inflight", perSecond, "req/s");
    report.metric("llm_kafka_throughput_vs_littles_law", perSecond / LITTLES_LAW, "ratio");
  }

  /** Starts {@code call}; records its latency above the provider's delay if it counts. */
  private static CompletableFuture<Boolean> timed(
      Supplier<CompletableFuture<Boolean>> call, LatencyRecorder aboveDelay) {
    long start = System.nanoTime();
    return call.get()
        .whenComplete(
            (counts, e) -> {
              if (Boolean.TRUE.equals(counts)) {
                aboveDelay.recordNanos(
                    Math.max(0, System.nanoTime() - start - PROVIDER_DELAY_NANOS));
              }
            });
  }

  private static CompletableFuture<Boolean> call(GenerationService service, long n) {
    try {
      return service.submit(request(n)).thenApply(r -> !"offline".equals(r.getProvider()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.completedFuture(false);
    }
  }

  private static void offlineNote(BenchReport report, long offline) {
    if (offline > 0) {
      report.info("%d requests fell back to offline (not counted)", offline);
    }
  }

  static GenerationRequest request(long n) {
    long now = System.currentTimeMillis();
    return GenerationRequest.newBuilder()
        .setRequestId("bench-" + n)
        .setGameId("bench-game")
        .setSessionId("session-" + (n % 1000))
        .setPlayerId("player-" + (n % PLAYERS))
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

  static Map<String, String> config(String redisUrl, int providerPort) {
    Map<String, String> c = new HashMap<>();
    c.put("redis.url", redisUrl);
    c.put("empath.llm.providers", "local");
    c.put("empath.llm.provider.local.type", "openai");
    c.put("empath.llm.provider.local.url", "http://127.0.0.1:" + providerPort + "/v1");
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
}
