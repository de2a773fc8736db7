package dev.empath.bench.timetravel;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.ChildJvm;
import dev.empath.embedded.RedisServerHandle;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.asof.HistoryCaps;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * HTTP {@code asOf} against the plain endpoint in the same run: a session's narrative decision as
 * of a moment (a transaction over the capped decision history) and the latest one (one GET), each
 * at saturation and open-loop at half of it. This JVM runs redis-server and query-api; the load
 * comes from a second JVM ({@link AsOfLoad}).
 */
public final class AsOfBench {

  static final String GAME = "bench-game";
  static final String API_KEY = "bench-key";

  private AsOfBench() {}

  /**
   * Runs the section; prints {@code asof_vs_latest_throughput}, {@code asof_p99_ms} and {@code
   * latest_p99_ms}.
   */
  public static void run(BenchReport report, int sessions, long seconds, int connections)
      throws Exception {
    try (RedisServerHandle redisServer = RedisServerHandle.start();
        RedisClient redis = RedisClient.create(URI.create(redisServer.uri()))) {
      long last = seed(redis, sessions);
      report.info(
          "redis seeded with %d sessions of %d decisions each",
          sessions, HistoryCaps.DEFAULT.history());
      EmbeddedServer server =
          ApplicationContext.run(
              EmbeddedServer.class,
              Map.of(
                  "micronaut.server.port",
                  -1,
                  "redis.url",
                  redisServer.uri(),
                  "empath.api.keys." + KeyHash.sha256Hex(API_KEY),
                  GAME,
                  "empath.api.rate-limit-per-second",
                  1e9,
                  "empath.api.rate-limit-burst",
                  Integer.MAX_VALUE));
      try (ApplicationContext context = server.getApplicationContext()) {
        int exit = load(server, sessions, seconds, connections, last);
        if (exit != 0) {
          throw new IllegalStateException("load generator exited with " + exit);
        }
      }
    }
  }

  /** A full decision history per session, one decision a second; returns the newest time. */
  static long seed(RedisClient redis, int sessions) {
    Keyspace keys = new Keyspace(1);
    HistoryCaps.DEFAULT.record(redis, keys);
    int cap = HistoryCaps.DEFAULT.history();
    long t0 = System.currentTimeMillis() - cap * 1_000L - 60_000;
    for (int s = 0; s < sessions; s++) {
      List<WriteOp> ops = new ArrayList<>(cap + 1);
      String session = "s" + s;
      for (int i = 0; i < cap; i++) {
        long at = t0 + i * 1_000L;
        String json = Json.write(decision(session, i, at));
        ops.add(new WriteOp.AddCapped(keys.sessionDecisions(GAME, session), at, json, cap));
        if (i == cap - 1) {
          ops.add(new WriteOp.Put(keys.sessionNarrative(GAME, session), json));
        }
      }
      try (AbstractPipeline p = redis.pipelined()) {
        WriteOps.apply(p, ops);
        p.sync();
      }
    }
    return t0 + (cap - 1) * 1_000L;
  }

  static NarrativeSnapshot decision(String session, int i, long at) {
    return new NarrativeSnapshot(
        "d-" + session + "-" + i,
        GAME,
        session,
        "player-1",
        at,
        "build_up",
        at - 30_000,
        0.42,
        0.1,
        "tense",
        Map.of("lighting", "dim", "music", "drums"),
        i % 7 == 0,
        List.of(new NarrativeSnapshot.Reason("phase", "intensity_rising", "0.42 > 0.35")),
        "policy-3",
        "p-" + i,
        "excitement",
        "scene-4",
        "");
  }

  private static int load(
      EmbeddedServer server, int sessions, long seconds, int connections, long asOfMs)
      throws Exception {
    return ChildJvm.of("256m", AsOfLoad.class)
        .args(
            server.getHost(),
            Integer.toString(server.getPort()),
            API_KEY,
            GAME,
            Integer.toString(sessions),
            Long.toString(seconds),
            Integer.toString(connections),
            Long.toString(asOfMs))
        .runInheritingIo();
  }
}
