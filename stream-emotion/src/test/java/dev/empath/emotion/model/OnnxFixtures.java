package dev.empath.emotion.model;

import com.google.protobuf.ByteString;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.OnnxModel;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

/** ONNX model documents built in tests: a small Tribuo logistic regression, exported. */
public final class OnnxFixtures {

  /** The inputs the fixture model reads: raw features, so a test can feed ONNX Runtime alike. */
  public static final String[] INPUTS = {"death_rate", "success", "combat", "damage"};

  private OnnxFixtures() {}

  /** A model trained on a rule (deaths → frustration, success → joy, combat → excitement). */
  public static EmotionModelDocument trained(String version, String gameId) {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "fixture", OffsetDateTime.parse("2026-01-01T00:00Z"), labels),
            labels);
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 400; i++) {
      double[] x = {
        random.nextDouble(), random.nextDouble(), random.nextDouble(), random.nextDouble()
      };
      String label =
          x[0] > 0.6 ? "frustration" : x[2] > 0.6 ? "excitement" : x[1] > 0.5 ? "joy" : "calm";
      data.add(new ArrayExample<>(new Label(label), INPUTS, x));
    }
    LinearSGDModel model =
        new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 20, 1000, 1, 11L)
            .train(data);
    return document(version, gameId, model);
  }

  /** The document of a trained Tribuo model: inputs and outputs in the model's own id order. */
  public static EmotionModelDocument document(String version, String gameId, LinearSGDModel model) {
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
        .setOnnx(
            OnnxModel.newBuilder()
                .addAllInputs(inputs)
                .addAllOutputs(outputs)
                .setModel(ByteString.copyFrom(bytes))
                .setSha256(OnnxModelBytes.sha256(bytes)))
        .build();
  }
}
