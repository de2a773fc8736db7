package dev.empath.cli.train;

import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.emotion.labels.LabelJoin;
import dev.empath.emotion.labels.LabelledMoment;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.HistoryConsumers;
import dev.empath.history.time.TimeSpec;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.topics.Catalogs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionPrediction;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./empath train}: an ONNX model document fitted on labels, compared with the live model.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Join the labels of a time range with the features on the predictions at their moments,"
          + " fit a multinomial logistic regression (Tribuo SGD, seeded), and print accuracy,"
          + " macro-F1 and the confusion matrix of the new model and of the running one on"
          + " held-out players. Writes an onnx model document for whatif --model and"
          + " promote --model."
    })
public final class TrainCommand implements Callable<Integer> {

  /** A label joins the latest prediction of its session at most this old. */
  static final Duration MAX_AGE = Duration.ofMillis(LabelJoin.MAX_AGE_MS);

  @Mixin ToolOptions tool;

  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "TIME", description = TimeSpec.ACCEPTED)
  String from;

  @Option(names = "--to", required = true, paramLabel = "TIME", description = TimeSpec.ACCEPTED)
  String to;

  @Option(
      names = "--game",
      paramLabel = "GAME",
      description = "only this game's labels; the model is for it (default: \"*\")")
  String game;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "the model document to write")
  Path out;

  @Option(
      names = "--holdout",
      defaultValue = "0.25",
      description = "share of players held out (default ${DEFAULT-VALUE})")
  double holdOut;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "seed of the split and the fit (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--version-name",
      paramLabel = "VERSION",
      description = "the model's version (default: trained-<to>)")
  String version;

  @Override
  public Integer call() throws Exception {
    long fromMs = time("--from", from);
    long toMs = time("--to", to);
    if (fromMs > toMs) {
      throw new UserError("--from is after --to");
    }
    if (!(holdOut > 0 && holdOut < 1)) {
      throw new UserError("--holdout must be between 0 and 1, was " + holdOut);
    }
    EmpathConfig config = tool.config();
    TopicCatalog catalog = Catalogs.from(config);
    List<EmotionLabel> labels = new ArrayList<>();
    read(
        config,
        catalog.emotionLabel(),
        fromMs,
        toMs,
        l -> {
          if (game == null || game.equals(l.getGameId())) {
            labels.add(l);
          }
        });
    List<EmotionPrediction> predictions = new ArrayList<>();
    read(
        config,
        catalog.emotion(),
        fromMs - MAX_AGE.toMillis(),
        toMs,
        p -> {
          if (game == null || game.equals(p.getGameId())) {
            predictions.add(p);
          }
        });
    List<LabelledMoment> moments = LabelJoin.join(labels, predictions, MAX_AGE.toMillis());
    if (moments.isEmpty()) {
      throw new UserError(labels.size() + " labels in the range, none joined a prediction");
    }
    String name = version != null ? version : "trained-" + TimeSpec.format(toMs).replace(':', '-');
    Training.Result result;
    try {
      result = Training.run(moments, holdOut, seed, name, game == null ? "*" : game);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Files.writeString(out, ModelDocuments.toJson(result.document()), StandardCharsets.UTF_8);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(report(labels.size(), result));
    stdout.println("wrote " + out + " (model " + name + ", onnx)");
    stdout.flush();
    return 0;
  }

  static String report(int labels, Training.Result r) {
    return String.format(
            Locale.ROOT,
            "%d labels, %d joined: %d to train, %d held out (%d players)%n"
                + "%-10s accuracy %.3f  macro-F1 %.3f%n%-10s accuracy %.3f  macro-F1 %.3f%n",
            labels,
            r.trainMoments() + r.heldOutMoments(),
            r.trainMoments(),
            r.heldOutMoments(),
            r.heldOutPlayers(),
            "new",
            r.trained().accuracy(),
            r.trained().macroF1(),
            "current",
            r.current().accuracy(),
            r.current().macroF1())
        + "new:\n"
        + r.trained().table()
        + "current:\n"
        + r.current().table();
  }

  private static long time(String option, String text) {
    try {
      return TimeSpec.parse(text, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new UserError(option + ": " + e.getMessage());
    }
  }

  private static <V> void read(
      EmpathConfig config, TopicSpec<String, V> topic, long fromMs, long toMs, Consumer<V> sink) {
    Deserializer<V> values = topic.valueSerde().deserializer();
    try (var consumer = HistoryConsumers.create(config, "empath-train")) {
      BoundedScan scan = new BoundedScan(consumer);
      var ranges = scan.plan(scan.partitions(topic.name()), fromMs, toMs, Duration.ZERO);
      scan.run(
          ranges,
          record -> {
            if (record.timestamp() >= fromMs
                && record.timestamp() <= toMs
                && record.value() != null) {
              try {
                sink.accept(values.deserialize(topic.name(), record.value()));
              } catch (RuntimeException e) {
                // A bad label is not training data; the contract's validator names why.
                System.err.println("skipping " + topic.name() + " record: " + e.getMessage());
              }
            }
            return true;
          },
          Progress.silent());
    }
  }
}
