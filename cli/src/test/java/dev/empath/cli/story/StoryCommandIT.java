package dev.empath.cli.story;

import static dev.empath.cli.story.StoryRecordsFixture.behaviour;
import static dev.empath.cli.story.StoryRecordsFixture.emotion;
import static dev.empath.cli.story.StoryRecordsFixture.narrative;
import static dev.empath.cli.story.StoryRecordsFixture.request;
import static dev.empath.cli.story.StoryRecordsFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.empath.cli.EmpathCli;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.history.scan.KeyPartitions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code empath story} in-process against a real broker, records written with the serdes. */
class StoryCommandIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  /** A day ago: brokers refuse timestamps far ahead of their clock. */
  static final long T0 = System.currentTimeMillis() / 1000 * 1000 - 86_400_000L;

  static String prefix;
  static StoryRecordsFixture topics;

  @BeforeAll
  static void writeStory() {
    prefix = kafka.uniqueName("story") + ".";
    topics = new StoryRecordsFixture(kafka.bootstrapServers(), kafka.adminClient(), prefix);
    var c = topics.catalog;
    // Written topic by topic: the story must interleave them by time.
    topics.send(c.behavior(), "s1", T0, behaviour("g1", "s1", T0, 3));
    topics.send(
        c.behavior(), sameBehaviourPartitionAs("s1"), T0 + 1000, behaviour("g1", "x", T0, 1));
    topics.send(c.behavior(), "s1", T0 + 1500, behaviour("g2", "s1", T0 + 1500, 5));
    topics.send(c.behavior(), "s1", T0 + 6000, behaviour("g1", "s1", T0 + 6000, 9));
    topics.send(c.emotion(), "s1", T0, emotion("g1", "s1", T0));
    topics.sendRaw(c.emotion().name(), "s1", T0 + 3000, new byte[] {0x0A, (byte) 0xFF});
    topics.send(c.narrative(), "s1", T0 + 2000, narrative("g1", "s1", T0 + 2000));
    topics.send(c.generationRequest(), "s1", T0 + 4000, request("g1", "s1", T0 + 4000));
    topics.send(c.generationResult(), "s1", T0 + 4005, result("g1", "s1", T0 + 4005));
    topics.deadLetter("s1", T0 + 5000, new byte[] {0x12}, "stream-emotion", "event_id missing");
  }

  @AfterAll
  static void close() {
    topics.close();
  }

  @Test
  void tellsTheSessionsRecordsAcrossTopicsInTimeOrder() {
    Run run = story("--game", "g1", "--session", "s1");

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.lines()).hasSize(8);
    assertThat(run.lines().stream().map(l -> l.substring(26, 37).strip()))
        .containsExactly(
            "behaviour",
            "emotion",
            "narrative",
            "emotion",
            "request",
            "result",
            "dead-letter",
            "behaviour");
    List<String> lines = run.lines();
    assertThat(lines.get(0))
        .startsWith(java.time.Instant.ofEpochMilli(T0).toString())
        .endsWith("choice 3 after 850 ms, 42 actions/min, scene forest; damage_taken=12");
    assertThat(lines.get(1))
        .endsWith(
            "frustration 0.72 (valence -0.41, arousal 0.66), 14 events seen, model transparent-1");
    assertThat(lines.get(2))
        .endsWith(
            "entered sustain-peak, intensity 0.81, difficulty -0.20, tone empathetic, hint"
                + " offered; phase:intensity_above_peak_threshold");
    assertThat(lines.get(3)).contains("undecodable EmotionPrediction");
    assertThat(lines.get(4)).contains("hint for mira, tone empathetic, answer within 1500 ms");
    assertThat(lines.get(5))
        .contains("succeeded \"Try the lever by the door.\" via offline/templates in 3 ms");
    assertThat(lines.get(6))
        .contains(
            "refused by stream-emotion: invalid empath.v1.PlayerBehaviorData: event_id missing");
    assertThat(lines.get(7)).contains("choice 9");
  }

  @Test
  void jsonGivesEachEntryAsStructuredFields() throws IOException {
    Run run = story("--game", "g1", "--session", "s1", "--json");

    assertThat(run.exit).as(run.err).isZero();
    List<JsonNode> entries = new ArrayList<>();
    for (String line : run.lines()) {
      entries.add(new ObjectMapper().readTree(line));
    }
    assertThat(entries.stream().map(e -> e.path("source").asText()))
        .containsExactly(
            "behaviour",
            "emotion",
            "narrative",
            "emotion",
            "request",
            "result",
            "dead-letter",
            "behaviour");
    JsonNode emotion = entries.get(1);
    assertThat(emotion.path("timestampMs").asLong()).isEqualTo(T0);
    assertThat(emotion.path("topic").asText()).isEqualTo(prefix + "empath.emotion.v1");
    assertThat(emotion.path("fields").path("dominantEmotion").asText()).isEqualTo("frustration");
    assertThat(emotion.path("fields").path("confidence").asDouble()).isEqualTo(0.72);
    JsonNode narrative = entries.get(2).path("fields");
    assertThat(narrative.path("phase").asText()).isEqualTo("sustain-peak");
    assertThat(narrative.path("phaseChanged").asBoolean()).isTrue();
    assertThat(narrative.path("hintOffered").asBoolean()).isTrue();
    assertThat(narrative.path("reasons").get(0).path("code").asText())
        .isEqualTo("intensity_above_peak_threshold");
    assertThat(entries.get(3).path("kind").asText()).isEqualTo("undecodable");
    assertThat(entries.get(5).path("fields").path("text").asText())
        .isEqualTo("Try the lever by the door.");
    assertThat(entries.get(6).path("fields").path("component").asText())
        .isEqualTo("stream-emotion");
  }

  @Test
  void aRangeAndALimitShowPartOfTheStory() {
    Run range =
        story(
            "--game",
            "g1",
            "--session",
            "s1",
            "--from",
            Long.toString(T0 + 2000),
            "--to",
            java.time.Instant.ofEpochMilli(T0 + 4005).toString());
    assertThat(range.exit).as(range.err).isZero();
    assertThat(range.lines()).hasSize(4);
    assertThat(range.lines().get(0)).contains("narrative");
    assertThat(range.lines().get(3)).contains("result");

    Run limited = story("--game", "g1", "--session", "s1", "--limit", "3");
    assertThat(limited.exit).isZero();
    assertThat(limited.lines()).hasSize(3);
    assertThat(limited.err).contains("the first 3 of 8 entries");
  }

  @Test
  void anUnknownSessionIsOneLineAndExitCode2() {
    Run run = story("--game", "g1", "--session", "nobody");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.out).isEmpty();
    assertThat(run.err).startsWith("empath story: no records of session nobody in game g1");
    assertThat(run.err.strip()).doesNotContain("\n");
  }

  @Test
  void aSessionOfAnotherGameIsUnknownToo() {
    Run run = story("--game", "g3", "--session", "s1");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("no records of session s1 in game g3");
  }

  @Test
  void aStartAfterTheEndIsOneLineAndExitCode2() {
    Run run = story("--game", "g1", "--session", "s1", "--from", "-1h", "--to", "-2h");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).startsWith("empath story: --from ").contains(" is after --to ");
    assertThat(run.err.strip()).doesNotContain("\n");
  }

  @Test
  void aMissingTopicIsOneLineNamingIt() {
    Run run =
        run(
            "story",
            "--game",
            "g1",
            "--session",
            "s1",
            "--bootstrap",
            kafka.bootstrapServers(),
            "--topic-prefix",
            "no-such-prefix.");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .startsWith("empath story: topic no-such-prefix.empath.behavior.v1 does not exist");
  }

  @Test
  void stopsAtTheEndOffsetsTakenAtStartWhileRecordsKeepArriving() throws Exception {
    var behavior = topics.catalog.behavior();
    for (int i = 0; i < 200; i++) {
      topics.send(behavior, "busy", T0 + i, behaviour("g1", "busy", T0 + i, i));
    }
    AtomicBoolean more = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger(200);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              while (more.get()) {
                int i = written.get();
                topics.send(behavior, "busy", T0 + i, behaviour("g1", "busy", T0 + i, i));
                written.incrementAndGet();
              }
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > 250);

    Run run = story("--game", "g1", "--session", "busy");

    int atReturn = written.get();
    await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > atReturn + 20);
    more.set(false);
    writer.get(30, TimeUnit.SECONDS);
    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.lines().size()).isGreaterThan(250).isLessThanOrEqualTo(atReturn);
    assertThat(run.lines().size()).isLessThan(written.get());
  }

  private static String sameBehaviourPartitionAs(String session) {
    int wanted = KeyPartitions.of(session, topics.catalog.behavior().partitions());
    for (int i = 0; ; i++) {
      if (KeyPartitions.of("other-" + i, topics.catalog.behavior().partitions()) == wanted) {
        return "other-" + i;
      }
    }
  }

  private static Run story(String... args) {
    List<String> all = new ArrayList<>(List.of("story"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix));
    return run(all.toArray(String[]::new));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = EmpathCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, normal(out), normal(err));
  }

  private static String normal(StringWriter w) {
    return w.toString().replace(System.lineSeparator(), "\n");
  }

  private record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }
}
