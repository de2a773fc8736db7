package dev.empath.cli.dlq;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** A dead letter's original value, decoded with its source topic's contract serde where it can. */
final class Payloads {

  private static final int HEX_SHOWN = 64;

  private final Map<String, TopicSpec<?, ?>> byName = new HashMap<>();

  Payloads(TopicCatalog catalog) {
    catalog.all().forEach(spec -> byName.put(spec.name(), spec));
  }

  /** The source topic's spec, when it is one of the catalog's. */
  Optional<TopicSpec<?, ?>> topic(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** JSON of the decoded value, or a line saying why it does not decode and the first bytes. */
  String describe(DeadLetter letter) {
    byte[] value = letter.raw().value();
    if (value == null) {
      return "(no value)";
    }
    TopicSpec<?, ?> spec = byName.get(letter.info().getSourceTopic());
    if (spec == null) {
      return "(source topic not in the catalog) " + hex(value);
    }
    try {
      Object decoded =
          spec.valueSerde().deserializer().deserialize(spec.name(), letter.raw().headers(), value);
      if (decoded instanceof Message m) {
        return JsonFormat.printer().preservingProtoFieldNames().print(m);
      }
      return String.valueOf(decoded);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return "does not decode: " + DeadLetters.reason(e) + "; bytes " + hex(value);
    }
  }

  private static String hex(byte[] value) {
    String shown = HexFormat.of().formatHex(value, 0, Math.min(value.length, HEX_SHOWN));
    return shown + (value.length > HEX_SHOWN ? "... (" + value.length + " bytes)" : "");
  }
}
