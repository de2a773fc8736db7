package dev.empath.history.story;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.serde.ProtobufSerde;
import java.util.List;

/**
 * Decodes a value the way the services do (either framing), but keeps a record that breaks the
 * contract readable: the story shows what such a record said beside why it was refused.
 *
 * @param message the decoded message, null when the bytes do not parse
 * @param problem why the record is not a valid one (parse error or contract violations), else null
 */
record Decoding<T extends Message>(T message, String problem) {

  static <T extends Message> Decoding<T> of(ProtobufSerde<T> serde, byte[] bytes) {
    if (bytes == null) {
      return new Decoding<>(null, "no value (tombstone)");
    }
    T parsed;
    try {
      int from =
          ConfluentWireFormat.isFramed(bytes)
              ? ConfluentWireFormat.parse(bytes).payloadOffset()
              : 0;
      @SuppressWarnings("unchecked")
      T value =
          (T)
              serde
                  .defaultInstance()
                  .getParserForType()
                  .parseFrom(bytes, from, bytes.length - from);
      parsed = value;
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      String type = serde.defaultInstance().getDescriptorForType().getName();
      return new Decoding<>(null, "undecodable " + type + ": " + e.getMessage());
    }
    List<String> violations = serde.validator().violations(parsed);
    return new Decoding<>(
        parsed,
        violations.isEmpty()
            ? null
            : "invalid "
                + parsed.getDescriptorForType().getName()
                + ": "
                + String.join("; ", violations));
  }

  boolean valid() {
    return message != null && problem == null;
  }

  /** The message's string field {@code name} (game_id, session_id), or "" when absent. */
  static String stringField(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || field.getJavaType() != FieldDescriptor.JavaType.STRING) {
      return "";
    }
    return (String) message.getField(field);
  }
}
