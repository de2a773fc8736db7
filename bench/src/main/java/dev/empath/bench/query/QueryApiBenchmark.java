package dev.empath.bench.query;

import dev.empath.bench.harness.BenchArgs;
import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.ChildJvm;
import dev.empath.bench.harness.HelpOption;
import dev.empath.bench.query.live.LiveStreamsLeg;
import dev.empath.embedded.RedisServerHandle;
import dev.empath.platform.redis.tracking.TrackedCache;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * query-api throughput and latency: the emotion endpoint (Redis read through the read model)
 * against a constant-JSON endpoint of the same server behind the same filters, in the same run.
 *
 * <p>This JVM runs Redis (a child redis-server) and the query-api; the load comes from a second JVM
 * running {@link LoadGenerator}, so the client is not the server's process.
 *
 * <p>While the load runs, both endpoints alike, a writer in this JVM keeps replacing the latest
 * emotion of random sessions the way the projector does ({@code updates per second}, default 3,000:
 * roughly what 5,000 behaviour events/s produce), so the emotion endpoint's cache is invalidated at
 * a realistic rate instead of serving a frozen keyspace.
 *
 * <p>The constant-JSON endpoint is {@link ConstantController}, a bean of this module started in the
 * same application context as query-api's own.
 *
 * <p>The live leg ({@link LiveStreamsLeg}) runs query-api in a child JVM of its own instead, with
 * the heap bound the bar names.
 */
@Command(
    name = "bench/query-api",
    description =
        "query-api's emotion endpoint against a constant-JSON endpoint of the same server, same"
            + " run: saturation req/s and p50/p99 of each, their ratio, and p99 at half of"
            + " saturation, while a writer keeps replacing latest emotions. Load from a second"
            + " JVM. The live leg: how many session live streams a query-api in a -Xmx256m child"
            + " JVM holds, each receiving all of its own session's predictions and nothing else,"
            + " with delivery p99, heap after a full GC and RSS. Prints BENCH lines.")
public final class QueryApiBenchmark {

  @Mixin HelpOption help;

  static final String GAME = "bench-game";
  static final String API_KEY = "bench-key";

  @Option(
      names = "--seconds",
      defaultValue = "6",
      description = "length of each measurement (default: ${DEFAULT-VALUE})")
  long seconds;

  @Option(
      names = "--connections",
      defaultValue = "16",
      description = "keep-alive connections of the load generator (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(
      names = "--sessions",
      defaultValue = "1000",
      description = "sessions seeded and requested at random (default: ${DEFAULT-VALUE})")
  int sessions;

  @Option(
      names = "--updates-per-second",
      defaultValue = "3000",
      description = "latest-emotion writes per second during the load (default: ${DEFAULT-VALUE})")
  int updatesPerSecond;

  @Option(
      names = "--legs",
      split = ",",
      defaultValue = "http,live",
      description =
          "legs to run: http (emotion, constant and session-list endpoints under load), live (open"
              + " live streams of a query-api in a -Xmx256m child JVM) (default: ${DEFAULT-VALUE})")
  List<Leg> legs;

  @Option(
      names = "--live-streams",
      split = ",",
      defaultValue = "1000,5000",
      description =
          "live leg: steps of session streams held open at once, each on a fresh child"
              + " (default: ${DEFAULT-VALUE})")
  List<Integer> liveStreams;

  @Option(
      names = "--live-seconds",
      defaultValue = "20",
      description =
          "live leg: how long each session gets predictions through Kafka (default:"
              + " ${DEFAULT-VALUE})")
  long liveSeconds;

  @Option(
      names = "--live-updates-per-second",
      defaultValue = "1",
      description =
          "live leg: predictions per second for each session, so the topic carries streams times"
              + " this (default: ${DEFAULT-VALUE})")
  double liveUpdatesPerSecond;

  /** The parts of the benchmark, selectable with {@code --legs} (named as typed there). */
  enum Leg {
    http,
    live
  }

  public static void main(String[] args) throws Exception {
    QueryApiBenchmark options = BenchArgs.parse(new QueryApiBenchmark(), args);
    if (options.seconds < 1
        || options.connections < 1
        || options.sessions < 1
        || options.updatesPerSecond < 1) {
      System.err.println(
          "--seconds, --connections, --sessions and --updates-per-second must be positive");
      System.exit(2);
    }
    if (options.liveSeconds < 1
        || options.liveUpdatesPerSecond <= 0
        || options.liveUpdatesPerSecond > 4
        || options.liveStreams.stream().anyMatch(n -> n < 1)) {
      System.err.println(
          "--live-seconds and --live-streams must be positive, --live-updates-per-second in (0, 4]");
      System.exit(2);
    }
    options.run();
  }

  private void run() throws Exception {
    BenchReport report = BenchReport.stdout();

    try (RedisServerHandle redisServer = RedisServerHandle.start();
        RedisClient redis = RedisClient.create(URI.create(redisServer.uri()))) {
      if (legs.contains(Leg.http)) {
        httpLeg(report, redisServer, redis);
      }
      if (legs.contains(Leg.live)) {
        new LiveStreamsLeg(report, redis, redisServer.uri(), GAME, API_KEY)
            .run(liveStreams, liveSeconds, liveUpdatesPerSecond);
      }
    }
  }

  private void httpLeg(BenchReport report, RedisServerHandle redisServer, RedisClient redis)
      throws Exception {
    seed(redis, sessions);
    report.info("redis %s seeded with %d sessions of game %s", redisServer.uri(), sessions, GAME);
    try (ApplicationContext context = startServer(redisServer.uri())) {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      report.info("query-api on %s (pid %d)", server.getURI(), ProcessHandle.current().pid());
      sanityCheck(server);
      TrackedCache cache = context.getBean(TrackedCache.class);
      long hitsBefore = cache.hits();
      long missesBefore = cache.misses();
      int exit;
      try (EmotionUpdater updater =
          EmotionUpdater.start(redisServer.uri(), sessions, updatesPerSecond)) {
        exit = runLoadGenerator(server, seconds, connections, sessions);
        report.metric("emotion_updates", updater.rate(), "updates/s");
      }
      if (exit != 0) {
        throw new IllegalStateException("load generator exited with " + exit);
      }
      long hits = cache.hits() - hitsBefore;
      long misses = cache.misses() - missesBefore;
      report.metric("emotion_cache_hit_ratio", hits / (double) Math.max(1, hits + misses), "ratio");
    }
  }

  private static ApplicationContext startServer(String redisUri) {
    EmbeddedServer server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "redis.url",
                redisUri,
                "empath.api.keys." + KeyHash.sha256Hex(API_KEY),
                GAME,
                "empath.api.rate-limit-per-second",
                1e9,
                "empath.api.rate-limit-burst",
                Integer.MAX_VALUE,
                ConstantController.ENABLED,
                true));
    return server.getApplicationContext();
  }

  private static void sanityCheck(EmbeddedServer server) throws Exception {
    try (HttpConnection conn = new HttpConnection(server.getHost(), server.getPort(), API_KEY)) {
      for (String path :
          List.of(
              "/v1/bench/constant",
              "/v1/games/" + GAME + "/sessions/s0/emotion",
              "/v1/games/" + GAME + "/sessions?limit=50")) {
        int status = conn.get(path);
        if (status != 200) {
          throw new IllegalStateException(path + " answered " + status);
        }
      }
    }
  }

  private static int runLoadGenerator(
      EmbeddedServer server, long seconds, int connections, int sessions) throws Exception {
    return ChildJvm.of("256m", LoadGenerator.class)
        .args(
            server.getHost(),
            Integer.toString(server.getPort()),
            API_KEY,
            GAME,
            Integer.toString(sessions),
            Long.toString(seconds),
            Integer.toString(connections))
        .runInheritingIo();
  }

  /** Writes latest emotions the way the projector does: write ops over the shared key layout. */
  static void seed(RedisClient redis, int sessions) {
    Keyspace keys = new Keyspace(ActiveVersion.read(redis));
    List<WriteOp> ops = new ArrayList<>(sessions);
    for (int i = 0; i < sessions; i++) {
      ops.add(latestEmotion(keys, i, 0));
    }
    try (AbstractPipeline p = redis.pipelined()) {
      WriteOps.apply(p, ops);
      // The game's index of sessions by last activity, as the projector keeps it.
      long now = System.currentTimeMillis();
      for (int i = 0; i < sessions; i++) {
        p.zadd(keys.gameSessions(GAME), now - i * 1_000L, "s" + i);
      }
      p.sync();
    }
  }

  /** The latest-emotion write of session {@code i}, its {@code update}-th version. */
  static WriteOp latestEmotion(Keyspace keys, int i, long update) {
    String session = "s" + i;
    EmotionSnapshot e =
        new EmotionSnapshot(
            "prediction-" + i + "-" + update,
            GAME,
            session,
            "player-" + (i % 97),
            1_764_000_000_000L + i + update,
            "excitement",
            0.62,
            Map.of(
                "joy", 0.21,
                "excitement", 0.34,
                "calm", 0.08,
                "boredom", 0.05,
                "frustration", 0.19,
                "anxiety", 0.13),
            0.31,
            0.72,
            "transparent-v1",
            40 + i % 50,
            "scene-" + (i % 12),
            "");
    return new WriteOp.Put(keys.sessionEmotion(GAME, session), Json.write(e));
  }
}
