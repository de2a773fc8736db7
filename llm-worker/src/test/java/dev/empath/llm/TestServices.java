package dev.empath.llm;

import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.llm.worker.GenerationService;
import dev.empath.platform.config.EmpathConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import redis.clients.jedis.RedisClient;

/** Builds services the way the app does, from configuration keys. */
public final class TestServices {

  private static final Queue<GenerationService> OPEN = new ConcurrentLinkedQueue<>();

  private TestServices() {}

  /** Defaults for tests: short backoffs, a breaker that opens after 4 calls. */
  public static Map<String, String> config(String redisUrl) {
    Map<String, String> c = new HashMap<>();
    c.put("redis.url", redisUrl);
    c.put("empath.llm.retry.backoff.ms", "20");
    c.put("empath.llm.retry.backoff.max.ms", "1500");
    c.put("empath.llm.breaker.min.calls", "4");
    c.put("empath.llm.breaker.window", "4");
    c.put("empath.llm.breaker.open.ms", "60000");
    c.put("empath.llm.max.in.flight", "16");
    c.put("empath.llm.characters", "aria");
    c.put("empath.llm.character.aria.name", "Aria");
    return c;
  }

  public static Map<String, String> openAi(Map<String, String> c, String name, String baseUrl) {
    c.put("empath.llm.provider." + name + ".type", "openai");
    c.put("empath.llm.provider." + name + ".url", baseUrl + "/v1");
    c.put("empath.llm.provider." + name + ".model", "gpt-test");
    c.put("empath.llm.provider." + name + ".key.env", "TEST_KEY");
    return c;
  }

  public static GenerationService service(Map<String, String> config, RedisClient redis) {
    return service(config, redis, new SimpleMeterRegistry());
  }

  public static GenerationService service(
      Map<String, String> config, RedisClient redis, MeterRegistry metrics) {
    ExecutorService executor = Executors.newCachedThreadPool();
    GenerationService service =
        LlmWorker.service(
            new LlmWorkerSettings(EmpathConfig.of(config)),
            redis,
            executor,
            name -> "sk-test",
            metrics);
    OPEN.add(service);
    return service;
  }

  /**
   * Closes every service made here and not closed yet: their Redis connections and invalidation
   * listeners would otherwise outlive the test's Redis server and retry against it.
   */
  public static void closeAll() {
    for (GenerationService s = OPEN.poll(); s != null; s = OPEN.poll()) {
      s.close();
    }
  }

  public static Map<String, String> copy(Map<String, String> c) {
    return new HashMap<>(c);
  }
}
