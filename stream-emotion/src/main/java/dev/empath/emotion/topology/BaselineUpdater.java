package dev.empath.emotion.topology;

import dev.empath.emotion.baseline.PlayerBaseline;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global baselines store equal to the latest baseline published per player. */
final class BaselineUpdater implements Processor<String, PlayerBaseline, Void, Void> {

  private KeyValueStore<String, PlayerBaseline> baselines;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    baselines = context.getStateStore(EmotionTopology.BASELINE_STORE);
  }

  @Override
  public void process(Record<String, PlayerBaseline> record) {
    if (record.value() == null) {
      baselines.delete(record.key());
    } else {
      baselines.put(record.key(), record.value());
    }
  }
}
