package dev.empath.bench.query.live;

import dev.empath.bench.harness.BenchReport;
import dev.empath.embedded.EmbeddedKafka;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import dev.empath.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * How many live streams one query-api instance holds in a 256 MiB heap, each receiving its own
 * session's updates. For each step (a number of streams) a fresh query-api runs in a child JVM with
 * {@code -Xmx256m} against an embedded broker and the benchmark's Redis; that many session streams
 * open, every session then gets predictions at a steady rate through Kafka, and each stream must
 * receive exactly its own session's, all of them. The child's heap after a full collection is
 * measured before the streams open and again with them all open after the traffic.
 *
 * <p>A step holds when every stream opened, every prediction arrived at its stream, none at another
 * and the child did not run out of memory (it exits on the first OutOfMemoryError).
 */
public final class LiveStreamsLeg {

  private static final String PREFIX = "bench-live.";
  private static final int OPEN_CHUNK = 250;
  private static final double MIB = 1024.0 * 1024.0;

  private final BenchReport report;
  private final RedisClient redis;
  private final String redisUri;
  private final String game;
  private final String apiKey;

  public LiveStreamsLeg(
      BenchReport report, RedisClient redis, String redisUri, String game, String apiKey) {
    this.report = report;
    this.redis = redis;
    this.redisUri = redisUri;
    this.game = game;
    this.apiKey = apiKey;
  }

  /**
   * Runs every step; prints {@code live_streams_*_<n>} per step and {@code live_streams_held}, the
   * largest step that held.
   */
  public void run(List<Integer> steps, long seconds, double updatesPerSecond) throws Exception {
    int most = steps.stream().mapToInt(Integer::intValue).max().orElseThrow();
    seedTimelines(most);
    TopicCatalog topics = TopicCatalog.withPrefix(PREFIX);
    int held = 0;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      createTopics(kafka.bootstrapServers(), topics);
      for (int streams : steps) {
        if (step(kafka.bootstrapServers(), topics, streams, seconds, updatesPerSecond)) {
          held = Math.max(held, streams);
        }
      }
    }
    report.metric("live_streams_held", held, "streams");
  }

  private boolean step(
      String bootstrap, TopicCatalog topics, int n, long seconds, double updatesPerSecond)
      throws Exception {
    try (QueryApiChild child = QueryApiChild.start(redisUri, bootstrap, PREFIX, game, apiKey)) {
      report.info(
          "query-api child pid %d, -Xmx%s, log %s",
          child.pid(), QueryApiChild.MAX_HEAP, child.log());
      long baseHeap = child.heapAfterGcBytes();
      try (SseStreams streams = new SseStreams(child.uri(), game, apiKey)) {
        long openStart = System.nanoTime();
        while (streams.opened() < n) {
          streams.open(Math.min(OPEN_CHUNK, n - streams.opened()));
          int target = streams.opened();
          await(Duration.ofSeconds(30), () -> streams.ready() + streams.ended() >= target);
        }
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        report.info(
            "%d of %d streams ready in %.1f s; the server counts %d open",
            streams.ready(), n, openSeconds, child.openStreams());
        int rounds = (int) Math.max(1, Math.round(seconds * updatesPerSecond));
        LivePublisher publisher = new LivePublisher(bootstrap, topics, game);
        publisher.publish(n, rounds, Math.round(1000 / updatesPerSecond));
        long expected = publisher.acked();
        await(Duration.ofSeconds(20), () -> streams.delivered() >= expected || !child.alive());
        boolean alive = child.alive();
        long heap = alive ? child.heapAfterGcBytes() : -1;
        report.metric("live_streams_open_" + n, streams.ready(), "streams");
        report.metric("live_streams_server_open_" + n, alive ? child.openStreams() : 0, "streams");
        report.metric("live_streams_published_" + n, expected, "predictions");
        report.metric(
            "live_streams_delivered_ratio_" + n,
            streams.delivered() / (double) Math.max(1, expected),
            "ratio");
        report.metric("live_streams_foreign_" + n, streams.foreign(), "updates");
        report.metric("live_streams_duplicates_" + n, streams.duplicates(), "updates");
        report.metric("live_streams_p50_" + n, streams.latency().percentileMillis(50), "ms");
        report.metric("live_streams_p99_" + n, streams.latency().percentileMillis(99), "ms");
        report.metric("live_streams_max_" + n, streams.latency().maxMillis(), "ms");
        report.metric(
            "live_streams_p99_to_server_flush_" + n,
            streams.toServerFlush().percentileMillis(99),
            "ms");
        report.metric(
            "live_streams_p99_flush_to_client_" + n, streams.toClient().percentileMillis(99), "ms");
        report.metric("live_streams_heap_before_" + n, baseHeap / MIB, "MiB");
        if (alive) {
          report.metric("live_streams_heap_after_gc_" + n, heap / MIB, "MiB");
          report.metric("live_streams_heap_per_stream_" + n, (heap - baseHeap) / 1024.0 / n, "KiB");
          report.metric("live_streams_rss_" + n, child.status("VmRSS") / 1024.0, "MiB");
          report.metric("live_streams_rss_peak_" + n, child.status("VmHWM") / 1024.0, "MiB");
          report.metric("live_streams_threads_" + n, child.status("Threads"), "threads");
        }
        report.info(
            "load average (1, 5, 15 min): %s",
            java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        boolean ok =
            alive
                && streams.ready() == n
                && streams.ended() == 0
                && publisher.failed() == 0
                && streams.delivered() == expected
                && streams.foreign() == 0;
        report.metric("live_streams_held_" + n, ok ? 1 : 0, "bool");
        return ok;
      }
    }
  }

  /** One timeline entry per session: a session stream opens only for a session with a timeline. */
  private void seedTimelines(int sessions) {
    Keyspace keys = new Keyspace(ActiveVersion.read(redis));
    long now = System.currentTimeMillis();
    List<WriteOp> ops = new ArrayList<>(sessions);
    for (int i = 0; i < sessions; i++) {
      String session = LivePublisher.session(i);
      EmotionSnapshot e =
          new EmotionSnapshot(
              "seed-" + i,
              game,
              session,
              "player-" + i,
              now - 60_000,
              "calm",
              0.5,
              Map.of("calm", 0.5),
              0.1,
              0.2,
              "transparent-v1",
              1,
              "scene-1",
              "");
      ops.add(
          new WriteOp.AddCapped(
              keys.sessionTimeline(game, session), e.timestampMs(), Json.write(e), 100));
    }
    try (AbstractPipeline p = redis.pipelined()) {
      WriteOps.apply(p, ops);
      p.sync();
    }
  }

  private static void createTopics(String bootstrap, TopicCatalog topics) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> all = new ArrayList<>();
      for (var spec :
          List.of(
              topics.emotion(),
              topics.narrative(),
              topics.generationResult(),
              topics.interaction(),
              topics.deadLetter())) {
        all.add(new NewTopic(spec.name(), 3, (short) 1));
      }
      admin.createTopics(all).all().get();
    }
  }

  private static void await(Duration timeout, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50); // a benchmark's progress poll, not a test's wait
    }
  }
}
