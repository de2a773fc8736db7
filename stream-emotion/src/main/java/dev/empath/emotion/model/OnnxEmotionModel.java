package dev.empath.emotion.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrototype;
import dev.empath.schemas.v1.OnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model a data scientist trained, run with ONNX Runtime: the document's named inputs go in as one
 * float tensor {@code [1, n]}, the first output gives one score per named emotion (emotions it does
 * not name score 0). The scores are the graph's, unblended, so they match what ONNX Runtime gives
 * on the same feature vector. Valence and arousal are the score-weighted prototypes of the shipped
 * transparent model; confidence is the top score scaled by evidence, as the transparent model's.
 *
 * <p>One single-threaded session per instance: the graph is small, runs once per event, and the
 * stream threads are the parallelism. Each thread runs it over its own pinned tensors.
 */
public final class OnnxEmotionModel implements EmotionModel, AutoCloseable {

  private static final Emotion[] EMOTIONS = Emotion.values();
  private static final double EVIDENCE_EVENTS = 6;
  private static final Map<String, EmotionPrototype> PROTOTYPES =
      ModelDocuments.resource(TransparentEmotionModel.DEFAULT_RESOURCE)
          .getTransparent()
          .getPrototypesMap();

  private final String version;
  private final int[] inputs;
  private final Emotion[] outputs;
  private final boolean softmax;
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final String inputName;
  private final String outputName;
  private final List<RunBuffers> allBuffers = new ArrayList<>();
  private final ThreadLocal<RunBuffers> buffers = ThreadLocal.withInitial(this::newBuffers);

  /**
   * @param document a validated {@code onnx} document
   * @throws IllegalArgumentException when the bytes do not load or the graph's input and output
   *     widths differ from the declared names
   */
  public OnnxEmotionModel(EmotionModelDocument document) {
    OnnxModel m = document.getOnnx();
    version = document.getVersion();
    inputs = m.getInputsList().stream().mapToInt(ModelInputs::indexOf).toArray();
    outputs = m.getOutputsList().stream().map(OnnxEmotionModel::emotion).toArray(Emotion[]::new);
    softmax = m.getSoftmax();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = env.createSession(OnnxModelBytes.of(m), options);
    } catch (OrtException e) {
      throw new IllegalArgumentException("onnx model does not load: " + e.getMessage(), e);
    }
    try {
      inputName = session.getInputNames().iterator().next();
      outputName = session.getOutputInfo().keySet().iterator().next();
      requireWidth("input", session.getInputInfo().get(inputName), inputs.length);
      requireWidth("output", session.getOutputInfo().values().iterator().next(), outputs.length);
    } catch (OrtException | RuntimeException e) {
      close();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("onnx model cannot be inspected: " + e.getMessage(), e);
    }
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public Assessment assess(FeatureVector f, long eventsSeen, double baselineTrust) {
    float[] raw = scores(features(f));
    if (softmax) {
      softmaxInPlace(raw);
    }
    Map<Emotion, Double> scores = new EnumMap<>(Emotion.class);
    for (Emotion e : EMOTIONS) {
      scores.put(e, 0.0);
    }
    Emotion top = outputs[0];
    double valence = 0;
    double arousal = 0;
    for (int i = 0; i < outputs.length; i++) {
      double s = clamp(raw[i]);
      scores.put(outputs[i], s);
      if (s > scores.get(top)) {
        top = outputs[i];
      }
      EmotionPrototype p = PROTOTYPES.get(outputs[i].wireName());
      valence += s * p.getValence();
      arousal += s * p.getArousal();
    }
    double evidence = 1 - Math.exp(-eventsSeen / EVIDENCE_EVENTS);
    return new Assessment(
        top,
        clamp(evidence * scores.get(top)),
        scores,
        Math.max(-1, Math.min(1, valence)),
        clamp(arousal));
  }

  /** The model's input vector for {@code f}, in the document's input order. */
  public float[] features(FeatureVector f) {
    double[] all = new double[ModelInputs.NAMES.size()];
    ModelInputs.fill(f, all);
    float[] x = new float[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      x[i] = (float) all[inputs[i]];
    }
    return x;
  }

  /** The graph's first output on one input vector. */
  public float[] scores(float[] x) {
    try {
      return buffers.get().run(x);
    } catch (OrtException e) {
      throw new IllegalStateException("onnx model " + version + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      synchronized (allBuffers) {
        for (RunBuffers b : allBuffers) {
          b.close();
        }
        allBuffers.clear();
      }
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close onnx session of " + version, e);
    }
  }

  /**
   * One stream thread's input and output tensors, over direct buffers that ONNX Runtime reads and
   * writes in place: a run then allocates no tensor, no result value and no Java array on the
   * native side, which at one run per event is most of what a small graph costs besides the run.
   */
  private final class RunBuffers {
    private final FloatBuffer in;
    private final FloatBuffer out;
    private final OnnxTensor inTensor;
    private final OnnxTensor outTensor;
    private final Map<String, OnnxTensor> feed;
    private final Map<String, OnnxTensor> pinned;
    private final Set<String> requested;

    RunBuffers() throws OrtException {
      in = direct(inputs.length);
      out = direct(outputs.length);
      inTensor = OnnxTensor.createTensor(env, in, new long[] {1, inputs.length});
      outTensor = OnnxTensor.createTensor(env, out, new long[] {1, outputs.length});
      feed = Map.of(inputName, inTensor);
      pinned = Map.of(outputName, outTensor);
      requested = Set.of(); // the pinned output is the only one computed
    }

    float[] run(float[] x) throws OrtException {
      in.clear();
      in.put(x);
      in.clear();
      // The result holds only the pinned output, which stays ours: closing it frees nothing.
      session.run(feed, requested, pinned).close();
      float[] scores = new float[outputs.length];
      out.get(0, scores);
      return scores;
    }

    void close() {
      inTensor.close();
      outTensor.close();
    }
  }

  private RunBuffers newBuffers() {
    try {
      RunBuffers b = new RunBuffers();
      synchronized (allBuffers) {
        allBuffers.add(b);
      }
      return b;
    } catch (OrtException e) {
      throw new IllegalStateException("onnx model " + version + ": " + e.getMessage(), e);
    }
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  private static void requireWidth(String what, NodeInfo info, int declared) {
    if (!(info.getInfo() instanceof TensorInfo tensor)
        || tensor.getShape().length != 2
        || tensor.getShape()[1] != declared) {
      throw new IllegalArgumentException(
          "onnx "
              + what
              + " "
              + info.getName()
              + " is "
              + info.getInfo()
              + "; the document declares "
              + declared
              + " "
              + what
              + " names, so a [batch, "
              + declared
              + "] float tensor is required");
    }
  }

  private static Emotion emotion(String wireName) {
    for (Emotion e : EMOTIONS) {
      if (e.wireName().equals(wireName)) {
        return e;
      }
    }
    throw new IllegalArgumentException("not an emotion: " + wireName);
  }

  private static void softmaxInPlace(float[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : v) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.exp(v[i] - max);
      sum += v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / sum);
    }
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
