package dev.empath.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.registry.RecordingSchemaRegistry;
import dev.empath.embedded.registry.RecordingSchemaRegistry.Registration;
import dev.empath.schemas.EmpathSchema;
import dev.empath.schemas.Fixtures;
import dev.empath.schemas.registry.SchemaRegistryClient;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopicCatalogRegistryTest {

  private RecordingSchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = RecordingSchemaRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void everyContractTopicIsRegisteredWhenTheCatalogIsMadeNotWhenARecordIsWritten()
      throws Exception {
    TopicCatalog catalog =
        TopicCatalog.withPrefix("t.").withRegistry(SchemaRegistryClient.of(registry.url()));

    assertThat(registry.registrations())
        .extracting(Registration::subject)
        .containsExactlyInAnyOrder(
            "t.empath.behavior.v1-value",
            "t.empath.interaction.v1-value",
            "t.empath.emotion.v1-value",
            "t.empath.emotion.model.v1-value",
            "t.empath.emotion.model.accepted.v1-value",
            "t.empath.emotion.label.v1-value",
            "t.empath.narrative.v1-value",
            "t.empath.narrative.policy.v1-value",
            "t.empath.narrative.policy.accepted.v1-value",
            "t.empath.generation.request.v1-value",
            "t.empath.generation.result.v1-value");
    assertThat(registry.registrations())
        .allSatisfy(r -> assertThat(r.schema()).isEqualTo(EmpathSchema.protoSource()));

    byte[] behavior =
        catalog
            .behavior()
            .valueSerde()
            .serializer()
            .serialize("t.empath.behavior.v1", Fixtures.behavior("e-1"));
    byte[] emotion =
        catalog
            .emotion()
            .valueSerde()
            .serializer()
            .serialize(
                "t.empath.emotion.v1", EmotionPrediction.newBuilder().setValence(-0.25f).build());

    assertThat(registry.registrations()).hasSize(11);
    assertThat(ConfluentWireFormat.parse(behavior).schemaId())
        .isEqualTo(registry.idOf("t.empath.behavior.v1-value").orElseThrow());
    assertThat(ConfluentWireFormat.parse(emotion).schemaId())
        .isEqualTo(registry.idOf("t.empath.emotion.v1-value").orElseThrow())
        .isNotEqualTo(ConfluentWireFormat.parse(behavior).schemaId());
    assertThat(ConfluentWireFormat.parse(emotion).messageIndexes()).isEqualTo(List.of(1));
    assertThat(emotion[5]).isEqualTo((byte) 2); // count 1, zig-zag
    assertThat(emotion[6]).isEqualTo((byte) 2); // index 1, zig-zag
    assertThat(
            catalog
                .behavior()
                .valueSerde()
                .deserializer()
                .deserialize("t.empath.behavior.v1", behavior))
        .isEqualTo(Fixtures.behavior("e-1"));
    int offset = ConfluentWireFormat.parse(emotion).payloadOffset();
    assertThat(
            EmotionPrediction.parser()
                .parseFrom(emotion, offset, emotion.length - offset)
                .getValence())
        .isEqualTo(-0.25f);
  }

  @Test
  void theCatalogItCameFromStillWritesPlainProtobuf() {
    TopicCatalog plain = TopicCatalog.standard();
    TopicCatalog framed = plain.withRegistry(SchemaRegistryClient.of(registry.url()));
    PlayerBehaviorData event = Fixtures.behavior("e-1");

    byte[] fromPlain =
        plain.behavior().valueSerde().serializer().serialize("empath.behavior.v1", event);
    byte[] fromFramed =
        framed.behavior().valueSerde().serializer().serialize("empath.behavior.v1", event);

    assertThat(fromPlain).isEqualTo(event.toByteArray());
    assertThat(ConfluentWireFormat.isFramed(fromFramed)).isTrue();
    assertThat(framed.deadLetter()).isSameAs(plain.deadLetter());
    assertThat(framed.all())
        .extracting(TopicSpec::name)
        .isEqualTo(plain.all().stream().map(TopicSpec::name).toList());
  }
}
