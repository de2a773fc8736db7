package dev.empath.narrative.topology;

import dev.empath.narrative.content.LastWords;
import dev.empath.schemas.v1.EmotionPrediction;

/** A prediction with what the session's player last said to each character (none known: empty). */
record Moment(EmotionPrediction prediction, LastWords words) {

  Moment {
    words = words == null ? LastWords.none() : words;
  }
}
