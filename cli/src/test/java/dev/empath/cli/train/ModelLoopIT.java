package dev.empath.cli.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.empath.cli.CliRun;
import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.emotion.app.EmotionApp;
import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.emotion.labels.Evaluation;
import dev.empath.emotion.labels.LabelJoin;
import dev.empath.emotion.labels.LabelledMoment;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.history.time.TimeSpec;
import dev.empath.narrative.app.NarrativeApp;
import dev.empath.narrative.config.NarrativeConfigKeys;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.validation.ContractValidators;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import dev.empath.simulator.TelemetryPublisher;
import dev.empath.whatif.run.GroupLag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop the models issue promises, on a real broker with stream-emotion and stream-narrative
 * running: simulated players play and label → {@code train} → {@code whatif --model} on the trained
 * document → {@code promote --model} → the running stream-emotion's later predictions name the
 * trained version. The sessions are {@link TrainingTest}'s, so the figures {@code train} prints
 * over Kafka are compared with the same training over the same sessions in a {@code
 * TopologyTestDriver}.
 */
class ModelLoopIT {

  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final Pattern FIGURES =
      Pattern.compile("(new|current)\\s+accuracy (\\d\\.\\d{3})\\s+macro-F1 (\\d\\.\\d{3})");

  @TempDir Path dir;

  @Test
  void playLabelTrainTryAndPromoteAndLaterPredictionsNameTheTrainedModel() throws Exception {
    String prefix = KAFKA.uniqueName("loop") + ".";
    TopicCatalog topics = TopicCatalog.withPrefix(prefix);
    Path configFile = configFile(prefix);
    EmpathConfig config = EmpathConfig.load(Map.of(), props(configFile));
    List<String> conn = List.of("--config", configFile.toString());
    // Two sessions per player an hour apart, the second ending well before now.
    long t0 = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
    LabelledSessions.Script script = LabelledSessions.Script.of(16, 0.15, 0.1, t0);
    long end = script.behaviour().stream().mapToLong(ScriptedBehavior::timestampMs).max().orElse(0);

    try (LaunchedService emotion = ServiceBootstrap.launch(config, new EmotionApp());
        LaunchedService narrative = ServiceBootstrap.launch(config, new NarrativeApp())) {
      assertThat(emotion.failure()).isEmpty();
      assertThat(narrative.failure()).isEmpty();
      publish(config, topics, script);
      awaitCaughtUp(prefix + "emotion", Set.of(topics.behavior().name()));
      awaitCaughtUp(prefix + "narrative", Set.of(topics.emotion().name()));

      // train: the same figures as the same sessions through the topology test driver give.
      Path model = dir.resolve("model.json");
      CliRun train =
          CliRun.with(
              conn,
              "train",
              "--from",
              TimeSpec.format(t0),
              "--to",
              TimeSpec.format(end),
              "--out",
              model.toString(),
              "--version-name",
              "trained-loop");
      assertThat(train.exit()).as(train.err()).isZero();
      Map<String, double[]> printed = figures(train.out());
      LabelledSessions driver = LabelledSessions.simulate(dir.resolve("driver"), script);
      List<LabelledMoment> moments =
          LabelJoin.join(driver.labels(), driver.predictions(), LabelJoin.MAX_AGE_MS);
      Training.Result expected = Training.run(moments, 0.25, 42, "trained-loop", "*");
      assertThat(printed.get("new"))
          .containsExactly(
              round(expected.trained().accuracy()), round(expected.trained().macroF1()));
      assertThat(printed.get("current"))
          .containsExactly(
              round(expected.current().accuracy()), round(expected.current().macroF1()));
      assertThat(printed.get("new")[1]).isGreaterThan(printed.get("current")[1]);
      EmotionModelDocument trained = ModelDocuments.read(model);
      assertThat(trained.hasOnnx()).isTrue();

      // whatif --model: the trained model over the same range, against production's predictions.
      CliRun whatif =
          CliRun.with(
              conn,
              "whatif",
              "--from",
              TimeSpec.format(t0),
              "--to",
              TimeSpec.format(end),
              "--model",
              model.toString(),
              "--run-id",
              "loop",
              "--json");
      assertThat(whatif.exit()).as(whatif.err()).isZero();
      JsonNode report = new ObjectMapper().readTree(whatif.out());
      assertThat(report.path("candidateModel").asText()).contains("trained-loop");
      JsonNode compared = report.path("diff").path("emotion");
      assertThat(compared.path("compared").asLong()).isPositive();
      assertThat(compared.path("agreement").asDouble()).isBetween(0.05, 0.99);
      // Judged against every label of the range, production scores as the running model's moments
      // did in training, and the trained model (fitted on three quarters of these players) higher.
      JsonNode labels = report.path("diff").path("labels");
      assertThat(labels.path("available").asBoolean()).as(labels.toString()).isTrue();
      assertThat(labels.path("labels").asLong()).isEqualTo(script.labels().size());
      assertThat(labels.path("joined").asLong()).isEqualTo(moments.size());
      Evaluation running =
          Evaluation.of(
              ContractValidators.LABEL_EMOTIONS_IN_ORDER,
              moments.stream().map(LabelledMoment::truth).toList(),
              moments.stream().map(LabelledMoment::current).toList());
      assertThat(labels.path("production").path("accuracy").asDouble())
          .isEqualTo(running.accuracy());
      assertThat(labels.path("production").path("macroF1").asDouble()).isEqualTo(running.macroF1());
      assertThat(labels.path("candidate").path("macroF1").asDouble())
          .isGreaterThan(running.macroF1());

      // promote --model: the running stream-emotion admits it and switches without a restart.
      CliRun promote = CliRun.with(conn, "promote", "--model", model.toString());
      assertThat(promote.exit()).as(promote.err()).isZero();
      assertThat(promote.out()).contains("published model trained-loop (onnx)");
      awaitAccepted(config, topics);
      List<ScriptedBehavior> later = laterSession();
      try (TelemetryPublisher publisher =
          new TelemetryPublisher(KafkaClientConfigs.producer(config, "loop-later"), topics)) {
        later.forEach(b -> publisher.send(b.event()));
        publisher.flush();
      }
      awaitCaughtUp(prefix + "emotion", Set.of(topics.behavior().name()));
      try (var reader =
          TopicReader.open(
              TopicReader.committedOnly(KAFKA.bootstrapServers()),
              topics.emotion().name(),
              topics.emotion().keySerde().deserializer(),
              topics.emotion().valueSerde().deserializer())) {
        List<EmotionPrediction> afterPromotion =
            reader.readToEnd().values().stream()
                .filter(p -> p.getSessionId().equals("later"))
                .toList();
        assertThat(afterPromotion)
            .hasSizeGreaterThan(5)
            .allSatisfy(p -> assertThat(p.getModelVersion()).isEqualTo("trained-loop"));
      }
    }
  }

  private static void publish(
      EmpathConfig config, TopicCatalog topics, LabelledSessions.Script script) {
    try (TelemetryPublisher publisher =
        new TelemetryPublisher(KafkaClientConfigs.producer(config, "loop-players"), topics)) {
      script.behaviour().stream()
          .sorted(Comparator.comparingLong(ScriptedBehavior::timestampMs))
          .forEach(b -> publisher.send(b.event()));
      script.labels().forEach(publisher::send);
      publisher.flush();
    }
  }

  /** A session of a player after the promotion, near now. */
  private static List<ScriptedBehavior> laterSession() {
    return new BehaviorSimulator(99)
        .session(
            new PlayerProfile("game-1", "player-0", 0.7),
            "later",
            System.currentTimeMillis() - Duration.ofMinutes(5).toMillis(),
            Segment.tour(10));
  }

  private static void awaitCaughtUp(String group, Set<String> inputs) {
    GroupLag lag = new GroupLag(KAFKA.adminClient(), group, inputs);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              GroupLag.Snapshot s = lag.snapshot();
              return s.caughtUp() && s.committed() > 0;
            });
  }

  private static void awaitAccepted(EmpathConfig config, TopicCatalog topics) {
    try (var reader =
        TopicReader.open(
            TopicReader.committedOnly(KAFKA.bootstrapServers()),
            topics.emotionModelAccepted().name(),
            topics.emotionModelAccepted().keySerde().deserializer(),
            topics.emotionModelAccepted().valueSerde().deserializer())) {
      assertThat(reader.readAtLeast(1).values().get(0).getVersion()).isEqualTo("trained-loop");
    }
  }

  private static Map<String, double[]> figures(String out) {
    Map<String, double[]> found = new java.util.HashMap<>();
    Matcher m = FIGURES.matcher(out);
    while (m.find()) {
      found.put(
          m.group(1),
          new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
    }
    assertThat(found).as(out).containsOnlyKeys("new", "current");
    return found;
  }

  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", v));
  }

  private Path configFile(String prefix) throws Exception {
    Path file = dir.resolve("empath.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(),
            "empath.topic.prefix=" + prefix,
            EmotionConfigKeys.APPLICATION_ID.name() + "=" + prefix + "emotion",
            NarrativeConfigKeys.APPLICATION_ID.name() + "=" + prefix + "narrative",
            "kafka.streams.state.dir=" + dir.resolve("production"),
            "empath.whatif.state.dir=" + dir.resolve("whatif"),
            "empath.ops.port=-1"));
    return file;
  }

  private static java.util.Properties props(Path configFile) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty(EmpathConfig.CONFIG_FILE, configFile.toString());
    return p;
  }
}
