package dev.empath.history.story;

import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.Locale;

/**
 * The topics a session's story is told from, in the order that breaks a tie between records of the
 * same millisecond: what the player did comes before what was inferred from it.
 */
public enum StorySource {
  BEHAVIOUR("behaviour"),
  EMOTION("emotion"),
  NARRATIVE("narrative"),
  GENERATION_REQUEST("request"),
  GENERATION_RESULT("result"),
  DEAD_LETTER("dead-letter");

  private final String label;

  StorySource(String label) {
    this.label = label;
  }

  /** The stable name shown in lines and in JSON ({@code source}). */
  public String label() {
    return label;
  }

  public TopicSpec<?, ?> topic(TopicCatalog catalog) {
    return switch (this) {
      case BEHAVIOUR -> catalog.behavior();
      case EMOTION -> catalog.emotion();
      case NARRATIVE -> catalog.narrative();
      case GENERATION_REQUEST -> catalog.generationRequest();
      case GENERATION_RESULT -> catalog.generationResult();
      case DEAD_LETTER -> catalog.deadLetter();
    };
  }

  /** The source whose {@link #label()} is {@code label}, ignoring case. */
  public static StorySource ofLabel(String label) {
    String wanted = label.toLowerCase(Locale.ROOT);
    for (StorySource s : values()) {
      if (s.label.equals(wanted)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no story source " + label);
  }
}
