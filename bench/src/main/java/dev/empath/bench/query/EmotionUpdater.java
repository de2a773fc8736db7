package dev.empath.bench.query;

import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.readmodel.write.WriteOps;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * Replaces the latest emotion of random sessions at a steady rate, in 10 ms ticks, as the projector
 * would while predictions stream in.
 */
final class EmotionUpdater implements AutoCloseable {

  private static final long TICK_MS = 10;

  private final RedisClient redis;
  private final ScheduledExecutorService ticker;
  private final Keyspace keys;
  private final int sessions;
  private final int perTick;
  private final long startNanos = System.nanoTime();
  private volatile long updates; // written by the ticker thread only

  private EmotionUpdater(RedisClient redis, int sessions, int updatesPerSecond) {
    this.redis = redis;
    this.sessions = sessions;
    this.perTick = (int) Math.max(1, updatesPerSecond * TICK_MS / 1000);
    this.keys = new Keyspace(ActiveVersion.read(redis));
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "emotion-updater"));
  }

  static EmotionUpdater start(String redisUri, int sessions, int updatesPerSecond) {
    EmotionUpdater updater =
        new EmotionUpdater(RedisClient.create(URI.create(redisUri)), sessions, updatesPerSecond);
    if (updatesPerSecond > 0) {
      updater.ticker.scheduleAtFixedRate(updater::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }
    return updater;
  }

  private void tick() {
    List<WriteOp> ops = new ArrayList<>(perTick);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < perTick; i++) {
      ops.add(QueryApiBenchmark.latestEmotion(keys, random.nextInt(sessions), ++updates));
    }
    try (AbstractPipeline p = redis.pipelined()) {
      WriteOps.apply(p, ops);
      p.sync();
    }
  }

  /** Updates written per second so far. */
  double rate() {
    return updates / ((System.nanoTime() - startNanos) / 1e9);
  }

  @Override
  public void close() throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
    redis.close();
  }
}
