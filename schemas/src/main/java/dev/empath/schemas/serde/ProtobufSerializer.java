package dev.empath.schemas.serde;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes plain protobuf bytes, or the Confluent wire format with a schema id that was registered
 * before the serializer was built: serializing never calls the registry.
 *
 * <p>A framed serializer writes the same id whatever topic it is asked to serialize for (Kafka
 * Streams also uses it for changelog and repartition topics): the id names the schema, {@code
 * empath.proto}, which is the same for all of them.
 */
public final class ProtobufSerializer<T extends Message> implements Serializer<T> {

  private final byte[] header;

  /** Plain protobuf, no registry. */
  public ProtobufSerializer() {
    this.header = null;
  }

  /** The Confluent framing with {@code schemaId} and the message's path in the schema file. */
  public ProtobufSerializer(int schemaId, List<Integer> messageIndexes) {
    this.header = ConfluentWireFormat.frame(schemaId, messageIndexes, new byte[0]);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (header == null) {
      return data.toByteArray();
    }
    byte[] out = new byte[header.length + data.getSerializedSize()];
    System.arraycopy(header, 0, out, 0, header.length);
    CodedOutputStream stream =
        CodedOutputStream.newInstance(out, header.length, out.length - header.length);
    try {
      data.writeTo(stream);
    } catch (IOException e) {
      throw new UncheckedIOException("protobuf could not write into an array of its own size", e);
    }
    stream.checkNoSpaceLeft();
    return out;
  }
}
