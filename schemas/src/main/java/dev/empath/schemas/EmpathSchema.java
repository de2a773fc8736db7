package dev.empath.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The contract's .proto source, as registered with a schema registry. */
public final class EmpathSchema {

  /** Classpath location; the protobuf plugin packs the .proto next to the generated classes. */
  public static final String PROTO_RESOURCE = "empath/v1/empath.proto";

  private static final String SOURCE = load();

  private EmpathSchema() {}

  public static String protoSource() {
    return SOURCE;
  }

  private static String load() {
    try (InputStream in = EmpathSchema.class.getClassLoader().getResourceAsStream(PROTO_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(PROTO_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
