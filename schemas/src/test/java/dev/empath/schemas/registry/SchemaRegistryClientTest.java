package dev.empath.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.schemas.EmpathSchema;
import dev.empath.schemas.Fixtures;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.serde.ProtobufSerde;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

  private FakeSchemaRegistry registry;

  @BeforeEach
  void start() throws Exception {
    registry = FakeSchemaRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void serializerRegistersOnceAndWritesTheConfluentFrame() {
    SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
    ProtobufSerde<PlayerBehaviorData> serde =
        ((ProtobufSerde<PlayerBehaviorData>) TopicCatalog.standard().behavior().valueSerde())
            .withRegistry(client);
    PlayerBehaviorData event = Fixtures.behavior("e-1");

    byte[] first = serde.serializer().serialize("empath.behavior.v1", event);
    byte[] second = serde.serializer().serialize("empath.behavior.v1", Fixtures.behavior("e-2"));

    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(first);
    assertThat(frame.schemaId()).isEqualTo(registry.idOf("empath.behavior.v1-value"));
    assertThat(frame.messageIndexes()).containsExactly(0);
    assertThat(ConfluentWireFormat.parse(second).schemaId()).isEqualTo(frame.schemaId());
    assertThat(registry.registrations()).isEqualTo(1);
    assertThat(registry.schemaOf("empath.behavior.v1-value")).isEqualTo(EmpathSchema.protoSource());
    assertThat(serde.deserializer().deserialize("empath.behavior.v1", first)).isEqualTo(event);
  }

  @Test
  void secondMessageOfTheFileIsFramedWithIndexOne() {
    SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
    ProtobufSerde<EmotionPrediction> serde =
        ((ProtobufSerde<EmotionPrediction>) TopicCatalog.standard().emotion().valueSerde())
            .withRegistry(client);

    byte[] bytes =
        serde.serializer().serialize("empath.emotion.v1", EmotionPrediction.getDefaultInstance());

    assertThat(ConfluentWireFormat.parse(bytes).messageIndexes()).isEqualTo(List.of(1));
    assertThat(bytes[5]).isEqualTo((byte) 2); // count 1, zig-zag
    assertThat(bytes[6]).isEqualTo((byte) 2); // index 1, zig-zag
  }

  @Test
  void schemaCanBeReadBackById() {
    SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
    int id = client.register("s-value", "syntax = \"proto3\";");

    assertThat(client.schemaById(id)).isEqualTo("syntax = \"proto3\";");
  }

  @Test
  void registryErrorIsReportedWithStatusAndBody() {
    registry.failNext(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
    SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());

    assertThatThrownBy(() -> client.register("bad-value", "nonsense"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("Invalid schema");
  }

  @Test
  void unreachableRegistryIsAClearError() {
    String url = registry.url();
    registry.close();

    assertThatThrownBy(() -> SchemaRegistryClient.of(url).register("x-value", "s"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unreachable");
  }
}
