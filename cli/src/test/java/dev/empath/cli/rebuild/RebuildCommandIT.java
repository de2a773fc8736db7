package dev.empath.cli.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.empath.cli.CliRun;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.RedisExtension;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.projector.rebuild.KeyspaceDump;
import dev.empath.query.Application;
import dev.empath.query.auth.KeyHash;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.keys.VersionMeta;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.InteractionKind;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * {@code ./empath rebuild}: a switched rebuild, a side version up to a time that holds exactly the
 * records up to then and that the API serves with {@code version=} to a scoped key, and dropping.
 */
class RebuildCommandIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  static final long T0 = 1_700_000_000_000L;
  static final String GAME = "g1";
  static final String OPERATOR = "operator-key";
  static final String ANALYST = "analyst-key";

  @Test
  void aSideVersionUpToATimeHoldsExactlyTheRecordsUntilThenAndIsServedOnlyWhenNamed()
      throws Exception {
    String prefix = kafka.uniqueName("rb") + ".";
    TopicCatalog catalog = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(catalog.all());
    List<String> conn =
        List.of(
            "--bootstrap", kafka.bootstrapServers(),
            "--redis", redis.uri(),
            "--topic-prefix", prefix);
    RedisClient client = redis.client();
    client.flushAll();

    long until;
    try (Producer<String, byte[]> producer = producer()) {
      until = produce(producer, catalog, 0, 60); // records stamped T0 .. T0+59s
      CliRun first = CliRun.with(conn, "rebuild", "--grace-ms", "0");
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).startsWith("rebuilt version 2 from 60 events");
      SortedMap<String, String> uptoT = KeyspaceDump.of(client, new Keyspace(2));
      assertThat(uptoT).isNotEmpty();

      produce(producer, catalog, 60, 40); // stamped after T
      CliRun side = CliRun.with(conn, "rebuild", "--until", Long.toString(until), "--no-switch");
      assertThat(side.exit()).as(side.err()).isZero();
      assertThat(side.out())
          .startsWith("built side version 3 from 60 events up to 2023-11-14T22:14:19Z");
      assertThat(KeyspaceDump.of(client, new Keyspace(3))).isEqualTo(uptoT);
      assertThat(ActiveVersion.read(client)).isEqualTo(2);

      CliRun all = CliRun.with(conn, "rebuild", "--grace-ms", "0");
      assertThat(all.out()).startsWith("rebuilt version 4 from 100 events");
      assertThat(KeyspaceDump.of(client, new Keyspace(4))).isNotEqualTo(uptoT);
    }

    try (ApplicationContext api = api()) {
      URI base = api.getBean(EmbeddedServer.class).getURI();
      String emotion = "/v1/games/" + GAME + "/sessions/s-1/emotion";
      JsonNode latest = json(get(base, emotion, OPERATOR));
      JsonNode asOfT = json(get(base, emotion + "?version=3", OPERATOR));
      assertThat(latest.path("timestampMs").asLong()).isGreaterThan(until);
      assertThat(asOfT.path("timestampMs").asLong()).isLessThanOrEqualTo(until);
      assertThat(get(base, emotion + "?version=3", ANALYST).statusCode()).isEqualTo(403);
      assertThat(get(base, emotion + "?version=9", OPERATOR).statusCode()).isEqualTo(404);

      CliRun list = CliRun.with(conn, "rebuild", "--list");
      assertThat(list.outLines())
          .anySatisfy(l -> assertThat(l).matches("3 +side +2023-11-14T22:14:19Z .* 60"))
          .anySatisfy(l -> assertThat(l).matches("4 +active .* 100"));

      CliRun dropActive = CliRun.with(conn, "rebuild", "--drop", "4");
      assertThat(dropActive.exit()).isEqualTo(2);
      assertThat(dropActive.err())
          .isEqualTo(
              "empath rebuild: version 4 is the active one, which readers use; ./empath rebuild"
                  + " replaces it\n");
      assertThat(VersionMeta.read(client, 4)).isPresent();

      CliRun drop = CliRun.with(conn, "rebuild", "--drop", "3");
      assertThat(drop.exit()).as(drop.err()).isZero();
      assertThat(drop.out()).startsWith("dropped version 3 (");
      assertThat(VersionMeta.read(client, 3)).isEmpty();
      assertThat(get(base, emotion + "?version=3", OPERATOR).statusCode()).isEqualTo(404);
      assertThat(CliRun.with(conn, "rebuild", "--drop", "3").exit()).isEqualTo(2);
    }
  }

  @Test
  void untilWithSwitchIsRefusedInOneLine() {
    CliRun run = CliRun.of("rebuild", "--until", "-2h", "--switch");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("empath rebuild: --until builds a version that stops at ")
        .endsWith("so use it with --no-switch\n")
        .hasLineCount(1);
  }

  /** Emotions of sessions s-0..s-2 and interactions with npc-0/1, one a second from T0 + from s. */
  private static long produce(
      Producer<String, byte[]> producer, TopicCatalog catalog, int from, int count) {
    long last = 0;
    for (int i = from; i < from + count; i++) {
      long at = T0 + i * 1_000L;
      String session = "s-" + (i % 3);
      if (i % 2 == 0) {
        EmotionPrediction e =
            EmotionPrediction.newBuilder()
                .setPredictionId("x" + i)
                .setGameId(GAME)
                .setPlayerId("p-" + (i % 3))
                .setSessionId(session)
                .setTimestampMs(at)
                .setDominantEmotion(i % 4 == 0 ? "joy" : "frustration")
                .setConfidence(0.6f)
                .putAllScores("joy", 0.4f)
                .putAllScores("frustration", 0.6f)
                .setEventsSeen(i)
                .build();
        producer.send(
            new ProducerRecord<>(catalog.emotion().name(), null, at, session, e.toByteArray()));
      } else {
        String npc = "npc-" + (i % 2);
        CharacterInteraction c =
            CharacterInteraction.newBuilder()
                .setEventId("i" + i)
                .setGameId(GAME)
                .setPlayerId("p-" + (i % 3))
                .setSessionId(session)
                .setCharacterId(npc)
                .setTimestampMs(at)
                .setKind(InteractionKind.forNumber(1 + i % 8))
                .setImpact(0.3f)
                .setSummary("interaction " + i)
                .build();
        producer.send(
            new ProducerRecord<>(catalog.interaction().name(), null, at, npc, c.toByteArray()));
      }
      last = at;
    }
    producer.flush();
    return last;
  }

  private static Producer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static ApplicationContext api() {
    ApplicationContext context =
        ApplicationContext.builder(Application.class)
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "redis.url",
                    redis.uri(),
                    "empath.read-model.version-cache-ms",
                    0,
                    "empath.api.keys." + KeyHash.sha256Hex(OPERATOR),
                    "*",
                    "empath.api.scopes." + KeyHash.sha256Hex(OPERATOR),
                    "versions",
                    "empath.api.keys." + KeyHash.sha256Hex(ANALYST),
                    GAME))
            .start();
    context.getBean(EmbeddedServer.class).start();
    return context;
  }

  private static HttpResponse<String> get(URI base, String path, String key) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }
}
