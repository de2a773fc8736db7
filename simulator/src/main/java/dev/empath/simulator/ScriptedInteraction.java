package dev.empath.simulator;

import dev.empath.schemas.v1.CharacterInteraction;

/** A character interaction and the arc the player was in when it happened. */
public record ScriptedInteraction(CharacterInteraction event, Arc arc) implements SimulatedEvent {

  @Override
  public String key() {
    return event.getCharacterId();
  }

  @Override
  public long timestampMs() {
    return event.getTimestampMs();
  }
}
