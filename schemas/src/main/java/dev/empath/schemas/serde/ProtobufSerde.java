package dev.empath.schemas.serde;

import com.google.protobuf.Message;
import dev.empath.schemas.EmpathSchema;
import dev.empath.schemas.registry.SchemaRegistryClient;
import dev.empath.schemas.validation.Validator;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one message type of the contract. Immutable: {@link #withRegistry} returns a new serde
 * that writes the Confluent wire format.
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

  /** Same type and validation; serializes in the Confluent wire format through {@code registry}. */
  public ProtobufSerde<T> withRegistry(SchemaRegistryClient registry) {
    ProtobufSerializer<T> framed =
        new ProtobufSerializer<>(
            registry,
            EmpathSchema.protoSource(),
            ConfluentWireFormat.messageIndexesOf(defaultInstance.getDescriptorForType()),
            false);
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
