package dev.empath.emotion.model;

import java.util.Locale;

/** The emotions every prediction scores. */
public enum Emotion {
  JOY,
  EXCITEMENT,
  CALM,
  BOREDOM,
  FRUSTRATION,
  ANXIETY;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name written on the wire ({@code dominant_emotion}, {@code all_scores} keys). */
  public String wireName() {
    return wireName;
  }
}
