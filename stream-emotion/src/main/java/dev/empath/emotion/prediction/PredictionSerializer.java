package dev.empath.emotion.prediction;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.Emotion;
import dev.empath.schemas.v1.EmotionPrediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link Prediction} as the bytes of its {@code EmotionPrediction} message ({@link
 * Prediction#toMessage()}), encoded directly: a prediction is sent for most behaviour events, and
 * building the message (two maps of boxed floats, one map-entry object per entry when serialized)
 * cost more than everything else about it. Map keys are fixed, so each entry's key bytes are
 * encoded once.
 *
 * <p>Fields follow protobuf's own encoding: field-number order, proto3 defaults (empty strings,
 * zero numbers) left out, map entries with both key and value. Whatever framing the topic's own
 * serializer puts before the payload (the Confluent wire format when a schema registry is
 * configured) is put before it here too: it is what that serializer writes for the empty message.
 */
public final class PredictionSerializer implements Serializer<Prediction> {

  private static final int FEATURES = EmotionPrediction.FEATURES_FIELD_NUMBER;
  private static final int SCORES = EmotionPrediction.ALL_SCORES_FIELD_NUMBER;

  /** Entry bytes up to the value, per feature (index of {@link FeatureVector#NAMES}). */
  private static final byte[][] FEATURE_ENTRY_HEADS =
      FeatureVector.NAMES.stream().map(name -> entryHead(FEATURES, name)).toArray(byte[][]::new);

  /** Entry bytes up to the value, per emotion (index = ordinal). */
  private static final byte[][] SCORE_ENTRY_HEADS =
      List.of(Emotion.values()).stream()
          .map(e -> entryHead(SCORES, e.wireName()))
          .toArray(byte[][]::new);

  private static final int FEATURES_SIZE = entriesSize(FEATURE_ENTRY_HEADS);

  private final Serializer<EmotionPrediction> contract;
  private final Map<String, byte[]> framingByTopic = new ConcurrentHashMap<>();

  /**
   * @param contract the emotion topic's serializer: its framing is reused, and it is the reference
   *     this serializer's bytes must equal
   */
  public PredictionSerializer(Serializer<EmotionPrediction> contract) {
    this.contract = contract;
  }

  @Override
  public byte[] serialize(String topic, Prediction p) {
    if (p == null) {
      return null;
    }
    byte[] framing =
        framingByTopic.computeIfAbsent(
            topic, t -> contract.serialize(t, EmotionPrediction.getDefaultInstance()));
    String dominant = p.assessment().dominant().wireName();
    float confidence = (float) p.assessment().confidence();
    String predictionId = p.predictionId();
    var source = p.source();
    int size =
        framing.length
            + stringSize(EmotionPrediction.DOMINANT_EMOTION_FIELD_NUMBER, dominant)
            + floatSize(EmotionPrediction.CONFIDENCE_FIELD_NUMBER, confidence)
            + scoresSize(p.assessment().scores())
            + int64Size(EmotionPrediction.TIMESTAMP_MS_FIELD_NUMBER, p.timestampMs())
            + stringSize(EmotionPrediction.PREDICTION_ID_FIELD_NUMBER, predictionId)
            + stringSize(EmotionPrediction.GAME_ID_FIELD_NUMBER, source.getGameId())
            + stringSize(EmotionPrediction.PLAYER_ID_FIELD_NUMBER, source.getPlayerId())
            + stringSize(EmotionPrediction.SESSION_ID_FIELD_NUMBER, source.getSessionId())
            + floatSize(EmotionPrediction.VALENCE_FIELD_NUMBER, p.wireValence())
            + floatSize(EmotionPrediction.AROUSAL_FIELD_NUMBER, p.wireArousal())
            + stringSize(EmotionPrediction.MODEL_VERSION_FIELD_NUMBER, p.modelVersion())
            + FEATURES_SIZE
            + int64Size(EmotionPrediction.EVENTS_SEEN_FIELD_NUMBER, p.eventsSeen())
            + stringSize(EmotionPrediction.SOURCE_EVENT_ID_FIELD_NUMBER, source.getEventId())
            + stringSize(EmotionPrediction.SCENE_ID_FIELD_NUMBER, source.getSceneId())
            + stringSize(EmotionPrediction.CHARACTER_ID_FIELD_NUMBER, source.getCharacterId());
    byte[] out = new byte[size];
    System.arraycopy(framing, 0, out, 0, framing.length);
    CodedOutputStream o = CodedOutputStream.newInstance(out, framing.length, size - framing.length);
    try {
      string(o, EmotionPrediction.DOMINANT_EMOTION_FIELD_NUMBER, dominant);
      float32(o, EmotionPrediction.CONFIDENCE_FIELD_NUMBER, confidence);
      for (Map.Entry<Emotion, Double> score : p.assessment().scores().entrySet()) {
        o.writeRawBytes(SCORE_ENTRY_HEADS[score.getKey().ordinal()]);
        o.writeFixed32NoTag(Float.floatToRawIntBits(score.getValue().floatValue()));
      }
      int64(o, EmotionPrediction.TIMESTAMP_MS_FIELD_NUMBER, p.timestampMs());
      string(o, EmotionPrediction.PREDICTION_ID_FIELD_NUMBER, predictionId);
      string(o, EmotionPrediction.GAME_ID_FIELD_NUMBER, source.getGameId());
      string(o, EmotionPrediction.PLAYER_ID_FIELD_NUMBER, source.getPlayerId());
      string(o, EmotionPrediction.SESSION_ID_FIELD_NUMBER, source.getSessionId());
      float32(o, EmotionPrediction.VALENCE_FIELD_NUMBER, p.wireValence());
      float32(o, EmotionPrediction.AROUSAL_FIELD_NUMBER, p.wireArousal());
      string(o, EmotionPrediction.MODEL_VERSION_FIELD_NUMBER, p.modelVersion());
      float[] values = p.features().values();
      for (int i = 0; i < values.length; i++) {
        o.writeRawBytes(FEATURE_ENTRY_HEADS[i]);
        o.writeFixed32NoTag(Float.floatToRawIntBits(values[i]));
      }
      int64(o, EmotionPrediction.EVENTS_SEEN_FIELD_NUMBER, p.eventsSeen());
      string(o, EmotionPrediction.SOURCE_EVENT_ID_FIELD_NUMBER, source.getEventId());
      string(o, EmotionPrediction.SCENE_ID_FIELD_NUMBER, source.getSceneId());
      string(o, EmotionPrediction.CHARACTER_ID_FIELD_NUMBER, source.getCharacterId());
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      // Only a size miscalculation gets here: the array is exactly as large as computed.
      throw new UncheckedIOException("prediction encoding overran its computed size", e);
    }
    return out;
  }

  /** A map entry (key string, value float) up to its value: tag, length, key, value tag. */
  private static byte[] entryHead(int field, String key) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    int entryLength =
        CodedOutputStream.computeStringSize(1, key) + CodedOutputStream.computeFloatSize(2, 0f);
    int headLength =
        CodedOutputStream.computeTagSize(field)
            + CodedOutputStream.computeUInt32SizeNoTag(entryLength)
            + CodedOutputStream.computeStringSize(1, key)
            + CodedOutputStream.computeTagSize(2);
    byte[] head = new byte[headLength];
    CodedOutputStream o = CodedOutputStream.newInstance(head);
    try {
      o.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      o.writeUInt32NoTag(entryLength);
      o.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      o.writeUInt32NoTag(keyBytes.length);
      o.writeRawBytes(keyBytes);
      o.writeTag(2, WireFormat.WIRETYPE_FIXED32);
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return head;
  }

  private static int entriesSize(byte[][] heads) {
    int size = 0;
    for (byte[] head : heads) {
      size += head.length + 4;
    }
    return size;
  }

  private static int scoresSize(Map<Emotion, Double> scores) {
    int size = 0;
    for (Emotion e : scores.keySet()) {
      size += SCORE_ENTRY_HEADS[e.ordinal()].length + 4;
    }
    return size;
  }

  private static int stringSize(int field, String value) {
    return value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, value);
  }

  private static int floatSize(int field, float value) {
    return Float.floatToRawIntBits(value) == 0
        ? 0
        : CodedOutputStream.computeFloatSize(field, value);
  }

  private static int int64Size(int field, long value) {
    return value == 0 ? 0 : CodedOutputStream.computeInt64Size(field, value);
  }

  private static void string(CodedOutputStream o, int field, String value) throws IOException {
    if (!value.isEmpty()) {
      o.writeString(field, value);
    }
  }

  private static void float32(CodedOutputStream o, int field, float value) throws IOException {
    if (Float.floatToRawIntBits(value) != 0) {
      o.writeFloat(field, value);
    }
  }

  private static void int64(CodedOutputStream o, int field, long value) throws IOException {
    if (value != 0) {
      o.writeInt64(field, value);
    }
  }
}
