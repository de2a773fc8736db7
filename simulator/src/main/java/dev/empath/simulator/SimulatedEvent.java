package dev.empath.simulator;

/**
 * An event the simulator produced, with the arc it was scripted in. Behaviour events are the only
 * kind today; character interactions will be a second implementation, so publishers and tests can
 * handle a mixed, time-ordered stream.
 */
public interface SimulatedEvent {

  /** The Kafka record key of the event's topic (session id for behaviour). */
  String key();

  long timestampMs();

  /** The arc the player was in when the event happened. */
  Arc arc();
}
