package dev.empath.schemas.serde;

import com.google.protobuf.Message;
import dev.empath.schemas.registry.SchemaRegistryClient;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes plain protobuf bytes, or the Confluent wire format when a schema registry is given (the
 * schema is registered under the topic's subject once and its id cached).
 */
public final class ProtobufSerializer<T extends Message> implements Serializer<T> {

  private final SchemaRegistryClient registry;
  private final String schemaText;
  private final List<Integer> messageIndexes;
  private final boolean isKey;

  /** Plain protobuf, no registry. */
  public ProtobufSerializer() {
    this(null, null, List.of(0), false);
  }

  public ProtobufSerializer(
      SchemaRegistryClient registry,
      String schemaText,
      List<Integer> messageIndexes,
      boolean isKey) {
    this.registry = registry;
    this.schemaText = schemaText;
    this.messageIndexes = List.copyOf(messageIndexes);
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    byte[] payload = data.toByteArray();
    if (registry == null) {
      return payload;
    }
    // TopicNameStrategy, the default of Confluent's serializers: "<topic>-value".
    String subject = topic + (isKey ? "-key" : "-value");
    int schemaId = registry.register(subject, schemaText);
    return ConfluentWireFormat.frame(schemaId, messageIndexes, payload);
  }
}
