package dev.empath.projector.decode;

import com.google.protobuf.Message;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/** The topics the projector folds, with the deserializer (and validator) of each. */
public final class ProjectedTopics {

  private final List<TopicSpec<String, ? extends Message>> specs;
  private final Map<String, Deserializer<? extends Message>> deserializers;
  private final String deadLetterTopic;

  public ProjectedTopics(TopicCatalog catalog) {
    this.specs =
        List.of(
            catalog.interaction(),
            catalog.emotion(),
            catalog.narrative(),
            catalog.generationResult());
    this.deserializers =
        specs.stream()
            .collect(
                Collectors.toUnmodifiableMap(TopicSpec::name, s -> s.valueSerde().deserializer()));
    this.deadLetterTopic = catalog.deadLetter().name();
  }

  public List<TopicSpec<String, ? extends Message>> specs() {
    return specs;
  }

  public Set<String> names() {
    return deserializers.keySet();
  }

  public Deserializer<? extends Message> deserializer(String topic) {
    Deserializer<? extends Message> d = deserializers.get(topic);
    if (d == null) {
      throw new IllegalArgumentException("not a projected topic: " + topic);
    }
    return d;
  }

  public String deadLetterTopic() {
    return deadLetterTopic;
  }
}
