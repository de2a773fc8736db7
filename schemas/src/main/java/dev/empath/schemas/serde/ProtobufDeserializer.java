package dev.empath.schemas.serde;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.empath.schemas.validation.Validator;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed and plain protobuf bytes alike, then applies the contract's validation.
 *
 * <p>The message type comes from the topic, not from the frame's message indexes: a producer may
 * register its own copy of the schema whose message order differs from ours, and the indexes
 * describe positions in <em>its</em> file. Field numbers are what both sides share.
 */
public final class ProtobufDeserializer<T extends Message> implements Deserializer<T> {

  private final Parser<T> parser;
  private final String messageType;
  private final Validator<T> validator;

  public ProtobufDeserializer(T defaultInstance, Validator<T> validator) {
    @SuppressWarnings("unchecked")
    Parser<T> typed = (Parser<T>) defaultInstance.getParserForType();
    this.parser = typed;
    this.messageType = defaultInstance.getDescriptorForType().getFullName();
    this.validator = validator;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null; // a tombstone in a compacted topic
    }
    int offset = 0;
    if (ConfluentWireFormat.isFramed(data)) {
      offset = ConfluentWireFormat.parse(data).payloadOffset();
    }
    T value;
    try {
      value = parser.parseFrom(data, offset, data.length - offset);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedRecordException(
          "undecodable " + messageType + " payload: " + e.getMessage(), e);
    }
    List<String> violations = validator.violations(value);
    if (!violations.isEmpty()) {
      throw new InvalidRecordException(messageType, violations);
    }
    return value;
  }
}
