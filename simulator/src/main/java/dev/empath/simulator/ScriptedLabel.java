package dev.empath.simulator;

import dev.empath.schemas.v1.EmotionLabel;

/** A label the simulated player gave, and the arc it was given in. */
public record ScriptedLabel(EmotionLabel label, Arc arc) implements SimulatedEvent {

  @Override
  public String key() {
    return label.getSessionId();
  }

  @Override
  public long timestampMs() {
    return label.getTimestampMs();
  }
}
