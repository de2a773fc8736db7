package dev.empath.emotion.labels;

import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionLabel;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Labels are read as they arrive so that a bad one is dead-lettered with its reason while whoever
 * sent it can still be told: the contract's validator rejects it in the serde and the
 * deserialization handler routes it to the dead-letter topic. Valid labels need nothing more here;
 * {@code ./empath train} reads them from the topic.
 */
public final class LabelCheck {

  static final String SOURCE = "label-source";
  static final String CHECK = "label-check";

  private LabelCheck() {}

  public static void addTo(Topology topology, TopicCatalog catalog) {
    TopicSpec<String, EmotionLabel> labels = catalog.emotionLabel();
    topology.addSource(
        SOURCE,
        labels.keySerde().deserializer(),
        labels.valueSerde().deserializer(),
        labels.name());
    topology.addProcessor(CHECK, Accept::new, SOURCE);
  }

  public static void addTo(StreamsBuilder builder, TopicCatalog catalog) {
    TopicSpec<String, EmotionLabel> labels = catalog.emotionLabel();
    builder.stream(
            labels.name(), Consumed.with(labels.keySerde(), labels.valueSerde()).withName(SOURCE))
        .process(Accept::new, Named.as(CHECK));
  }

  /** Valid labels end here. */
  private static final class Accept implements Processor<String, EmotionLabel, Void, Void> {
    @Override
    public void process(Record<String, EmotionLabel> record) {
      // Nothing to do: reaching here means the label passed the contract.
    }
  }
}
