package dev.empath.query;

import static dev.empath.query.QueryApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.RedisExtension;
import dev.empath.query.auth.KeyHash;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-key rate limit against the real server: a slow refill so the test cannot race it. */
class RateLimitIT {

  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static EmbeddedServer server;
  static Http http;
  static String game;

  @BeforeAll
  static void start() {
    game = redis.uniqueName("game");
    new TestData(redis.client()).usage(game);
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "redis.url",
                redis.uri(),
                "empath.api.keys." + KeyHash.sha256Hex("busy"),
                game,
                "empath.api.keys." + KeyHash.sha256Hex("quiet"),
                game,
                "empath.api.rate-limit-per-second",
                0.01,
                "empath.api.rate-limit-burst",
                3));
    http = new Http(server.getURI());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
  }

  @Test
  void aKeyOverItsRateGets429WithRetryAfterAndOtherKeysDoNot() {
    String path = "/v1/games/" + game + "/usage";
    for (int i = 0; i < 3; i++) {
      assertThat(http.get(path, "busy").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = http.get(path, "busy");
    assertProblem(limited, 429);
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 100L));
    assertThat(http.get(path, "quiet").statusCode()).isEqualTo(200);
    // Refused requests do not count against a key that sends none.
    assertProblem(http.get(path, "wrong"), 401);
  }
}
