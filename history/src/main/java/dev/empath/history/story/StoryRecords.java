package dev.empath.history.story;

import com.google.protobuf.Message;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.schemas.serde.ProtobufSerde;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the records of a session's partitions into story entries: records of other sessions (which
 * share the partition) and of other games are left out; a record that does not decode becomes an
 * entry saying so.
 */
final class StoryRecords {

  private final TopicCatalog catalog;
  private final String game;
  private final String session;
  private final byte[] key;
  private final Map<String, ProtobufSerde<?>> serdesByTopic = new HashMap<>();

  StoryRecords(TopicCatalog catalog, String game, String session) {
    this.catalog = catalog;
    this.game = game;
    this.session = session;
    this.key = session.getBytes(StandardCharsets.UTF_8);
    for (TopicSpec<?, ?> spec : catalog.all()) {
      if (spec.valueSerde() instanceof ProtobufSerde<?> serde) {
        serdesByTopic.put(spec.name(), serde);
      }
    }
  }

  /** The session's key: records of a story carry it (dead letters keep the original bytes). */
  byte[] key() {
    return key;
  }

  /** Cheap first test, before anything is decoded: most records of a partition are not ours. */
  boolean isOurs(ConsumerRecord<byte[], byte[]> record) {
    return Arrays.equals(record.key(), key);
  }

  /**
   * An entry of the story and whether its record named the game; a record that does not decode
   * cannot, and is shown only in a story the game's own records make known.
   */
  record Found(StoryEntry entry, boolean ofGame) {}

  Optional<Found> entry(StorySource source, ConsumerRecord<byte[], byte[]> record) {
    if (!isOurs(record)) {
      return Optional.empty();
    }
    if (source == StorySource.DEAD_LETTER) {
      return deadLetter(record);
    }
    Decoding<? extends Message> decoding = Decoding.of(serde(source), record.value());
    if (decoding.message() != null && !belongsHere(decoding.message())) {
      return Optional.empty();
    }
    boolean ofGame = decoding.message() != null && namesGame(decoding.message());
    if (!decoding.valid()) {
      return Optional.of(new Found(undecodable(source, record, decoding.problem()), ofGame));
    }
    Said said =
        switch (source) {
          case BEHAVIOUR -> BehaviourLines.behaviour((PlayerBehaviorData) decoding.message());
          case EMOTION -> BehaviourLines.emotion((EmotionPrediction) decoding.message());
          case NARRATIVE -> NarrativeLines.decision((NarrativeDecision) decoding.message());
          case GENERATION_REQUEST ->
              GenerationLines.request((GenerationRequest) decoding.message());
          case GENERATION_RESULT -> GenerationLines.result((GenerationResult) decoding.message());
          case DEAD_LETTER -> throw new IllegalStateException("handled above");
        };
    return Optional.of(new Found(entry(source, record, source.label(), said), ofGame));
  }

  private Optional<Found> deadLetter(ConsumerRecord<byte[], byte[]> record) {
    DeadLetterRecord letter;
    try {
      letter = DeadLetters.read(record);
    } catch (RuntimeException unreadableHeaders) {
      return Optional.of(
          new Found(
              undecodable(
                  StorySource.DEAD_LETTER,
                  record,
                  "dead letter with unreadable headers: " + unreadableHeaders.getMessage()),
              false));
    }
    ProtobufSerde<?> original = serdesByTopic.get(letter.getSourceTopic());
    boolean ofGame = false;
    if (original != null) {
      // A dead letter that still parses names its game: another game's session of the same id
      // is not this story.
      Decoding<? extends Message> decoding = Decoding.of(original, record.value());
      if (decoding.message() != null && !belongsHere(decoding.message())) {
        return Optional.empty();
      }
      ofGame = decoding.message() != null && namesGame(decoding.message());
    }
    return Optional.of(
        new Found(
            entry(
                StorySource.DEAD_LETTER,
                record,
                StorySource.DEAD_LETTER.label(),
                DeadLetterLines.of(letter)),
            ofGame));
  }

  private boolean belongsHere(Message message) {
    String g = Decoding.stringField(message, "game_id");
    String s = Decoding.stringField(message, "session_id");
    return (g.isEmpty() || g.equals(game)) && (s.isEmpty() || s.equals(session));
  }

  private boolean namesGame(Message message) {
    return Decoding.stringField(message, "game_id").equals(game);
  }

  private ProtobufSerde<?> serde(StorySource source) {
    return (ProtobufSerde<?>) source.topic(catalog).valueSerde();
  }

  private static StoryEntry undecodable(
      StorySource source, ConsumerRecord<byte[], byte[]> record, String problem) {
    Map<String, Object> fields =
        new Fields()
            .text("error", problem)
            .number("bytes", record.value() == null ? 0 : record.value().length)
            .build();
    return entry(source, record, StoryEntry.UNDECODABLE, new Said(problem, fields));
  }

  private static StoryEntry entry(
      StorySource source, ConsumerRecord<byte[], byte[]> record, String kind, Said said) {
    return new StoryEntry(
        new StoryPosition(record.timestamp(), source, record.offset()),
        record.topic(),
        record.partition(),
        kind,
        said.text(),
        said.fields());
  }
}
