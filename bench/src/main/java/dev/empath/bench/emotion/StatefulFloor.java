package dev.empath.bench.emotion;

import dev.empath.emotion.topology.FloorStores;
import dev.empath.emotion.topology.WriteBehindTable;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The least work any stream-emotion must do per event, as a topology: decode and validate the event
 * with the contract's serde, update the session's state in a logged store written once per commit
 * ({@link WriteBehindTable}, as stream-emotion keeps its sessions), and emit a record for a share
 * of the events. No features, no model, no baselines.
 *
 * <p>Sized like the emotion topology's own records (predictions and session state, measured in the
 * same run), its rate against the pass-through's is the most {@code emotion_vs_passthrough} could
 * reach on this broker with that contract, whatever the per-event logic costs.
 */
final class StatefulFloor {

  private static final String SOURCE = "floor-source";
  private static final String PROCESSOR = "floor";
  static final String STORE = "floor-sessions";
  private static final int COUNTER_BYTES = Long.BYTES;

  /**
   * What the floor writes: a record for {@code emitShare} of the events, of {@code outputBytes}
   * (or, when negative, the event's own bytes), and session state of {@code stateBytes}.
   */
  record Shape(double emitShare, int outputBytes, int stateBytes) {
    Shape {
      if (emitShare < 0 || emitShare > 1) {
        throw new IllegalArgumentException("emit share out of [0, 1]: " + emitShare);
      }
      stateBytes = Math.max(COUNTER_BYTES, stateBytes);
    }

    /** The event's own bytes out and an 8-byte counter as state. */
    static Shape small(double emitShare) {
      return new Shape(emitShare, -1, COUNTER_BYTES);
    }

    String describe() {
      return String.format(
          "%.2f records per event of %s, session state of %d bytes",
          emitShare,
          outputBytes < 0 ? "the event's own bytes" : outputBytes + " bytes",
          stateBytes);
    }
  }

  private StatefulFloor() {}

  static Topology build(TopicCatalog topics, String out, Shape shape) {
    String in = topics.behavior().name();
    Deserializer<PlayerBehaviorData> events = topics.behavior().valueSerde().deserializer();
    Topology topology = new Topology();
    topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), in);
    topology.addProcessor(PROCESSOR, () -> new FloorProcessor(in, events, shape), SOURCE);
    topology.addStateStore(FloorStores.writeBehind(STORE, Serdes.ByteArray()), PROCESSOR);
    topology.addSink(
        "floor-sink", out, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
    return topology;
  }

  private static final class FloorProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final String topic;
    private final Deserializer<PlayerBehaviorData> events;
    private final Shape shape;
    private ProcessorContext<byte[], byte[]> context;
    private WriteBehindTable<byte[]> sessions;

    FloorProcessor(String topic, Deserializer<PlayerBehaviorData> events, Shape shape) {
      this.topic = topic;
      this.events = events;
      this.shape = shape;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.sessions = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      String session = events.deserialize(topic, record.value()).getSessionId();
      byte[] state = sessions.get(session);
      long seen = state == null ? 0 : ByteBuffer.wrap(state).getLong();
      byte[] next = new byte[shape.stateBytes()];
      ByteBuffer.wrap(next).putLong(seen + 1);
      sessions.put(session, next);
      // The share spread evenly over each session's events.
      if ((long) ((seen + 1) * shape.emitShare()) > (long) (seen * shape.emitShare())) {
        context.forward(shape.outputBytes() < 0 ? record : record.withValue(output(seen)));
      }
    }

    private byte[] output(long seen) {
      byte[] bytes = new byte[Math.max(COUNTER_BYTES, shape.outputBytes())];
      ByteBuffer.wrap(bytes).putLong(seen);
      return bytes;
    }
  }
}
