package dev.empath.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.EmbeddedKafka;
import dev.empath.embedded.EmbeddedRedis;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.query.auth.KeyHash;
import dev.empath.schemas.topic.TopicCatalog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * Random paths, query parameters and headers against a running query-api with two games' data: the
 * answer is never a 5xx, never shows an internal (exception, class or package name, stack frame),
 * and a key of one game never gets the other game's data.
 */
class ApiFuzzIT {

  private static final String GAME_A = "game-a";
  private static final String GAME_B = "game-bsecret";
  private static final String KEY_A = "fuzz-key-a";
  private static final List<String> INTERNALS =
      List.of(
          "Exception",
          "\tat ",
          "java.",
          "javax.",
          "dev.empath",
          "io.micronaut",
          "redis.clients",
          "jedis",
          "netty",
          "NullPointer",
          "Caused by");

  private static EmbeddedKafka kafka;
  private static EmbeddedRedis redis;
  private static RedisClient client;
  private static EmbeddedServer server;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeContainer
  static void start() {
    // With Kafka, so the story, live and rates endpoints answer from real topics, not 503.
    kafka = EmbeddedKafka.start();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new TopicProvisioner(admin, Optional.empty()).ensure(TopicCatalog.standard().all());
    }
    redis = EmbeddedRedis.start();
    client = RedisClient.create(URI.create(redis.uri()));
    TestData data = new TestData(client);
    data.session(GAME_A, "s1");
    data.character(GAME_A, "c1", "p1");
    data.usage(GAME_A);
    data.session(GAME_B, "s1");
    data.character(GAME_B, "c1", "p1");
    data.usage(GAME_B);
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "redis.url",
                redis.uri(),
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "empath.api.keys." + KeyHash.sha256Hex(KEY_A),
                GAME_A,
                "empath.api.rate-limit-per-second",
                100_000,
                "empath.api.rate-limit-burst",
                100_000));
  }

  @AfterContainer
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
    if (client != null) {
      client.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Property(tries = 150)
  void noRequestGetsA5xxAnInternalOrAnotherGamesData(@ForAll("requests") Request request)
      throws Exception {
    HttpResponse<String> response = HTTP.send(request.build(server.getURI()), ofString());
    String body = response.body();
    assertThat(response.statusCode()).as("%s -> %s", request, body).isLessThan(500);
    for (String internal : INTERNALS) {
      assertThat(body).as("%s leaks internals", request).doesNotContain(internal);
    }
    if (request.withKeyA() && request.path().startsWith("/v1/games/" + GAME_B)) {
      assertThat(response.statusCode()).as("%s: another game's path", request).isEqualTo(403);
    }
    if (response.statusCode() / 100 == 2) {
      assertThat(body).as("%s: another game's data", request).doesNotContain(GAME_B);
    }
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /** One request: a path, its query and headers, with key A or not. */
  record Request(String path, String query, List<String> headers, boolean withKeyA) {

    HttpRequest build(URI base) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve(path + (query.isEmpty() ? "" : "?" + query)))
              .timeout(Duration.ofSeconds(10))
              .GET();
      if (withKeyA) {
        b.header("Authorization", "Bearer " + KEY_A);
      }
      for (int i = 0; i + 1 < headers.size(); i += 2) {
        b.header(headers.get(i), headers.get(i + 1));
      }
      return b.build();
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    return Combinators.combine(paths(), query(), headers(), Arbitraries.of(true, true, true, false))
        .as(Request::new);
  }

  private static Arbitrary<String> paths() {
    Arbitrary<String> game = Arbitraries.oneOf(Arbitraries.of(GAME_A, GAME_B), segment());
    Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of("s1", "c1", "p1"), segment());
    Arbitrary<String> rest =
        Arbitraries.of(
            "sessions/%s/emotion",
            "sessions/%s/emotion/timeline",
            "sessions/%s/narrative",
            "sessions/%s/decisions",
            "sessions/%s/story",
            "sessions",
            "characters/%s",
            "characters/%s/players/p1",
            "characters/c1/players/%s",
            "usage",
            "rates",
            "%s",
            "%s/%s/%s");
    Arbitrary<String> v1 =
        Combinators.combine(game, rest, id, id, id)
            .as((g, r, a, b, c) -> "/v1/games/" + g + "/" + r.formatted(a, b, c));
    Arbitrary<String> other =
        segment().list().ofMaxSize(4).map(parts -> "/" + String.join("/", parts));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, v1),
            net.jqwik.api.Tuple.of(1, other),
            net.jqwik.api.Tuple.of(1, other.map(p -> "/v1" + p)))
        .filter(p -> !p.endsWith("/live"));
  }

  /** A path segment: plausible, odd or hostile, percent-encoded as a client would send it. */
  private static Arbitrary<String> segment() {
    return Arbitraries.oneOf(
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
            Arbitraries.of("..", ".", "%00", "%2e%2e", "%2F", "-1", "0", "9999999999999999999"),
            Arbitraries.strings().alpha().ofLength(600))
        .map(ApiFuzzIT::encodeUnlessEscaped);
  }

  private static String encodeUnlessEscaped(String s) {
    return s.startsWith("%") || s.equals("..") || s.equals(".")
        ? s
        : URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Arbitrary<String> query() {
    Arbitrary<String> name =
        Arbitraries.oneOf(
            Arbitraries.of(
                "from", "to", "limit", "cursor", "asOf", "version", "page", "size", "player",
                "phase", "emotion", "since", "until", "token", "game"),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "-1",
                "0",
                "1",
                "50",
                "1e309",
                "NaN",
                "2026-12-02T22:47:00Z",
                "-2h",
                "now",
                "2026-13-45",
                "99999999999999999999",
                "true",
                "null",
                "[]",
                "{}"),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.strings().ofMaxLength(30));
    return Combinators.combine(name, value)
        .as(
            (n, v) ->
                URLEncoder.encode(n, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8))
        .list()
        .ofMaxSize(4)
        .map(pairs -> String.join("&", pairs));
  }

  /** Name, value, name, value...: headers a client may set, with values of printable ASCII. */
  private static Arbitrary<List<String>> headers() {
    Arbitrary<String> name =
        Arbitraries.of(
            "Accept",
            "X-API-Key",
            "Accept-Language",
            "If-None-Match",
            "Range",
            "X-Forwarded-For",
            "Origin",
            "Cookie",
            "X-Empath-Game",
            "User-Agent");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "application/json",
                "text/event-stream",
                "*/*",
                "application/problem+json",
                "text/html;q=0.1",
                "bytes=0-1",
                KEY_A,
                "Bearer " + KEY_A),
            Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(60));
    return Combinators.combine(name, value)
        .as(List::of)
        .list()
        .ofMaxSize(3)
        .map(pairs -> pairs.stream().flatMap(List::stream).toList());
  }
}
