package dev.empath.schemas.serde;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Random and mutated bytes for every topic's value serde: a record is read, or refused with a
 * {@link RejectedRecordException} (which the dead-letter handlers route), never anything else.
 */
class SerdeFuzzTest {

  private static final List<TopicSpec<?, ?>> TOPICS =
      TopicCatalog.standard().all().stream()
          .filter(t -> t.valueSerde() instanceof ProtobufSerde<?>)
          .toList();

  @Property(tries = 300)
  void randomBytesAreReadOrRejected(
      @ForAll("topics") TopicSpec<?, ?> topic, @ForAll("bytes") byte[] value) {
    assertOnlyRejected(topic, value);
  }

  @Property(tries = 300)
  void mutatedRecordsAreReadOrRejected(
      @ForAll("topics") TopicSpec<?, ?> topic,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int mutations,
      @ForAll boolean framed) {
    Random random = new Random(seed);
    byte[] valid = populated((ProtobufSerde<?>) topic.valueSerde(), random).toByteArray();
    byte[] bytes = framed ? ConfluentWireFormat.frame(1, List.of(0), valid) : valid;
    assertOnlyRejected(topic, mutate(bytes, mutations, random));
  }

  @Provide
  Arbitrary<TopicSpec<?, ?>> topics() {
    return Arbitraries.of(TOPICS);
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(2_000),
        // The Confluent framing's magic byte, then anything.
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(32)
            .map(
                b -> {
                  byte[] framed = new byte[b.length + 1];
                  System.arraycopy(b, 0, framed, 1, b.length);
                  return framed;
                }));
  }

  private static void assertOnlyRejected(TopicSpec<?, ?> topic, byte[] value) {
    Deserializer<?> deserializer = topic.valueSerde().deserializer();
    assertThatCode(
            () -> {
              try {
                deserializer.deserialize(topic.name(), value);
              } catch (RejectedRecordException expected) {
                // The one refusal a dead-letter handler routes.
              }
            })
        .as("%s, %d bytes", topic.name(), value.length)
        .doesNotThrowAnyException();
  }

  /** The topic's message with every field set from {@code random}, so mutations hit real data. */
  private static Message populated(ProtobufSerde<?> serde, Random random) {
    Message.Builder builder = serde.defaultInstance().newBuilderForType();
    fill(builder, random, 0);
    return builder.build();
  }

  private static void fill(Message.Builder builder, Random random, int depth) {
    for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
      if (field.isMapField() || depth > 2 || random.nextInt(4) == 0) {
        continue;
      }
      int count = field.isRepeated() ? random.nextInt(4) : 1;
      for (int i = 0; i < count; i++) {
        Object value = value(builder, field, random, depth);
        if (field.isRepeated()) {
          builder.addRepeatedField(field, value);
        } else {
          builder.setField(field, value);
        }
      }
    }
  }

  private static Object value(
      Message.Builder builder, FieldDescriptor field, Random random, int depth) {
    return switch (field.getJavaType()) {
      case INT -> random.nextInt(1_000);
      case LONG -> System.currentTimeMillis() - random.nextInt(1_000_000);
      case FLOAT -> random.nextFloat();
      case DOUBLE -> random.nextDouble();
      case BOOLEAN -> random.nextBoolean();
      case STRING -> "v" + random.nextInt(1_000);
      case BYTE_STRING -> ByteString.copyFrom(new byte[] {(byte) random.nextInt()});
      case ENUM -> {
        var values = field.getEnumType().getValues();
        yield values.get(random.nextInt(values.size()));
      }
      case MESSAGE -> {
        Message.Builder nested = builder.newBuilderForField(field);
        fill(nested, random, depth + 1);
        yield nested.build();
      }
    };
  }

  /** Flips, overwrites, cuts, inserts and duplicates bytes. */
  static byte[] mutate(byte[] bytes, int mutations, Random random) {
    byte[] out = bytes.clone();
    for (int m = 0; m < mutations; m++) {
      int at = out.length == 0 ? 0 : random.nextInt(out.length);
      switch (random.nextInt(5)) {
        case 0 -> {
          if (out.length > 0) {
            out[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          if (out.length > 0) {
            out[at] = (byte) random.nextInt();
          }
        }
        case 2 -> out = java.util.Arrays.copyOf(out, at);
        case 3 -> {
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt();
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
        }
        default -> {
          byte[] doubled = new byte[out.length * 2];
          System.arraycopy(out, 0, doubled, 0, out.length);
          System.arraycopy(out, 0, doubled, out.length, out.length);
          out = doubled;
        }
      }
    }
    return out;
  }
}
