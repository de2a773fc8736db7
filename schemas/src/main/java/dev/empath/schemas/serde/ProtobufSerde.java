package dev.empath.schemas.serde;

import com.google.protobuf.Message;
import dev.empath.schemas.EmpathSchema;
import dev.empath.schemas.registry.SchemaRegistryClient;
import dev.empath.schemas.validation.Validator;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one message type of the contract. Immutable: {@link #withRegistry} and {@link
 * #framedWith} return a new serde that writes the Confluent wire format.
 */
public final class ProtobufSerde<T extends Message> implements Serde<T> {

  private final T defaultInstance;
  private final Validator<T> validator;
  private final ProtobufSerializer<T> serializer;
  private final ProtobufDeserializer<T> deserializer;

  private ProtobufSerde(T defaultInstance, Validator<T> validator, ProtobufSerializer<T> ser) {
    this.defaultInstance = defaultInstance;
    this.validator = validator;
    this.serializer = ser;
    this.deserializer = new ProtobufDeserializer<>(defaultInstance, validator);
  }

  public static <T extends Message> ProtobufSerde<T> of(T defaultInstance, Validator<T> validator) {
    return new ProtobufSerde<>(defaultInstance, validator, new ProtobufSerializer<>());
  }

  /**
   * Same type and validation; serializes in the Confluent wire format for {@code topic}, whose
   * subject {@code <topic>-value} (TopicNameStrategy, the default of Confluent's serializers) is
   * registered with {@code registry} now, before any record is written.
   *
   * @throws dev.empath.schemas.registry.SchemaRegistryException when the registry is unreachable or
   *     refuses the schema
   */
  public ProtobufSerde<T> withRegistry(SchemaRegistryClient registry, String topic) {
    return framedWith(registry.register(topic + "-value", EmpathSchema.protoSource()));
  }

  /** Same type and validation; serializes in the Confluent wire format with {@code schemaId}. */
  public ProtobufSerde<T> framedWith(int schemaId) {
    ProtobufSerializer<T> framed =
        new ProtobufSerializer<>(
            schemaId, ConfluentWireFormat.messageIndexesOf(defaultInstance.getDescriptorForType()));
    return new ProtobufSerde<>(defaultInstance, validator, framed);
  }

  public T defaultInstance() {
    return defaultInstance;
  }

  public Validator<T> validator() {
    return validator;
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
