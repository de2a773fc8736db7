package dev.empath.simulator;

import dev.empath.schemas.v1.PlayerBehaviorData;

/**
 * A behaviour event and the intent behind it: the arc, and how far into the arc it was (0 = first
 * event of the arc, 1 = last), so a test can skip the transition at the start of an arc.
 */
public record ScriptedBehavior(PlayerBehaviorData event, Arc arc, double arcProgress)
    implements SimulatedEvent {

  @Override
  public String key() {
    return event.getSessionId();
  }

  @Override
  public long timestampMs() {
    return event.getTimestampMs();
  }
}
