package dev.empath.cli.train;

import com.google.protobuf.ByteString;
import dev.empath.emotion.labels.Evaluation;
import dev.empath.emotion.labels.LabelJoin;
import dev.empath.emotion.labels.LabelledMoment;
import dev.empath.emotion.model.OnnxEmotionModel;
import dev.empath.emotion.model.OnnxModelBytes;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.OnnxModel;
import dev.empath.schemas.validation.ContractValidators;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits a multinomial logistic regression (Tribuo, SGD with AdaGrad, seeded) on labelled moments,
 * holding out a share of players (no player on both sides), and compares it with the model that was
 * running on those players' moments. The evaluated model is the exported ONNX graph run by ONNX
 * Runtime, exactly what stream-emotion would run.
 */
public final class Training {

  /** The outcome: the new model's document and both evaluations on the held-out players. */
  public record Result(
      EmotionModelDocument document,
      Evaluation trained,
      Evaluation current,
      int trainMoments,
      int heldOutMoments,
      int heldOutPlayers) {}

  static final int EPOCHS = 40;

  private Training() {}

  public static Result run(
      List<LabelledMoment> moments, double holdOut, long seed, String version, String gameId) {
    TreeSet<String> players = new TreeSet<>();
    moments.forEach(m -> players.add(m.playerKey()));
    List<String> order = new ArrayList<>(players);
    java.util.Collections.shuffle(order, new java.util.Random(seed));
    int heldCount = Math.max(1, (int) Math.round(order.size() * holdOut));
    if (order.size() < 2) {
      throw new IllegalArgumentException(
          "labels of at least 2 players are needed to hold some out, found " + order.size());
    }
    var held = new java.util.HashSet<>(order.subList(0, Math.min(heldCount, order.size() - 1)));
    List<LabelledMoment> train =
        moments.stream().filter(m -> !held.contains(m.playerKey())).toList();
    List<LabelledMoment> test = moments.stream().filter(m -> held.contains(m.playerKey())).toList();

    LinearSGDModel model = fit(train, seed);
    EmotionModelDocument document = document(version, gameId, model, train.size());
    List<String> emotions = new ArrayList<>(ContractValidators.LABEL_EMOTIONS_IN_ORDER);
    List<String> truth = test.stream().map(LabelledMoment::truth).toList();
    List<String> predicted = new ArrayList<>();
    try (OnnxEmotionModel onnx = new OnnxEmotionModel(document)) {
      List<String> outputs = document.getOnnx().getOutputsList();
      int[] column =
          document.getOnnx().getInputsList().stream().mapToInt(LabelJoin.INPUTS::indexOf).toArray();
      for (LabelledMoment m : test) {
        // The graph reads its inputs in the document's order (Tribuo's), not the join's.
        float[] x = new float[column.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = m.inputs()[column[i]];
        }
        float[] scores = onnx.scores(x);
        int top = 0;
        for (int i = 1; i < scores.length; i++) {
          if (scores[i] > scores[top]) {
            top = i;
          }
        }
        predicted.add(outputs.get(top));
      }
    }
    Evaluation trained = Evaluation.of(emotions, truth, predicted);
    Evaluation current =
        Evaluation.of(emotions, truth, test.stream().map(LabelledMoment::current).toList());
    return new Result(document, trained, current, train.size(), test.size(), held.size());
  }

  private static LinearSGDModel fit(List<LabelledMoment> train, long seed) {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "empath labels",
                OffsetDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC),
                labels),
            labels);
    String[] names = LabelJoin.INPUTS.toArray(String[]::new);
    // Tribuo visits examples in its own seeded order; the list order is fixed here too.
    List<LabelledMoment> shuffled = new ArrayList<>(train);
    java.util.Collections.shuffle(
        shuffled, new java.util.Random(new SplittableRandom(seed).nextLong()));
    for (LabelledMoment m : shuffled) {
      double[] x = new double[m.inputs().length];
      for (int i = 0; i < x.length; i++) {
        x[i] = m.inputs()[i];
      }
      data.add(new ArrayExample<>(new Label(m.truth()), names, x));
    }
    return new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(0.5, 0.1), EPOCHS, 100_000, 1, seed)
        .train(data);
  }

  /** The ONNX document of a Tribuo model: inputs and outputs in the model's own id order. */
  static EmotionModelDocument document(
      String version, String gameId, LinearSGDModel model, int examples) {
    ImmutableFeatureMap features = model.getFeatureIDMap();
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      inputs.add(features.get(i).getName());
    }
    ImmutableOutputInfo<Label> outputInfo = model.getOutputIDInfo();
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < outputInfo.size(); i++) {
      outputs.add(outputInfo.getOutput(i).getLabel());
    }
    byte[] bytes = model.exportONNXModel("dev.empath", 1).toByteArray();
    return EmotionModelDocument.newBuilder()
        .setVersion(version)
        .setGameId(gameId)
        .setDescription(
            "multinomial logistic regression (Tribuo SGD) on "
                + examples
                + " labelled moments; inputs "
                + String.join(", ", inputs))
        .setOnnx(
            OnnxModel.newBuilder()
                .addAllInputs(inputs)
                .addAllOutputs(outputs)
                .setModel(ByteString.copyFrom(bytes))
                .setSha256(OnnxModelBytes.sha256(bytes)))
        .build();
  }
}
