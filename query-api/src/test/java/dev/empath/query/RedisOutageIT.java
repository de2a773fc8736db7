package dev.empath.query;

import static dev.empath.query.QueryApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.EmbeddedRedis;
import dev.empath.query.auth.KeyHash;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * query-api while its Redis goes away and comes back: a real redis-server is stopped under the
 * running service, then started again on the same port.
 */
class RedisOutageIT {

  private static final String KEY = "outage-key";
  private static final String GAME = "outage-game";
  private static final String EMOTION = "/v1/games/" + GAME + "/sessions/s1/emotion";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void answers503ProblemsAndReportsNotReadyWhileRedisIsDownThenRecoversWhenItIsBack() {
    EmbeddedRedis first = EmbeddedRedis.start();
    EmbeddedRedis second = null;
    int port = first.port();
    try {
      seed(first);
      try (ApplicationContext context = startApi(first.uri())) {
        Http http = new Http(context.getBean(EmbeddedServer.class).getURI());
        assertThat(http.get(EMOTION, KEY).statusCode()).isEqualTo(200);
        assertThat(http.get("/health/readiness", null).statusCode()).isEqualTo(200);

        first.close();

        HttpResponse<String> down = http.get(EMOTION, KEY);
        assertProblem(down, 503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Http.json(down).path("detail").asText()).contains("read model");
        // Never a cached answer that could be stale: an uncached path is refused the same way.
        assertProblem(http.get("/v1/games/" + GAME + "/sessions/s1/narrative", KEY), 503);
        HttpResponse<String> readiness = http.get("/health/readiness", null);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(Http.json(readiness).path("status").asText()).isEqualTo("DOWN");

        second = EmbeddedRedis.builder().port(port).start();
        seed(second);
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  HttpResponse<String> back = http.get(EMOTION, KEY);
                  assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
                  assertThat(Http.json(back).path("sessionId").asText()).isEqualTo("s1");
                  assertThat(http.get("/health/readiness", null).statusCode()).isEqualTo(200);
                });
      }
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  private static void seed(EmbeddedRedis server) {
    try (RedisClient redis = RedisClient.create(URI.create(server.uri()))) {
      new TestData(redis).session(GAME, "s1");
    }
  }

  private static ApplicationContext startApi(String redisUri) {
    return ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "redis.url",
                redisUri,
                "empath.read-model.version-cache-ms",
                0,
                "empath.api.keys." + KeyHash.sha256Hex(KEY),
                GAME))
        .getApplicationContext();
  }
}
