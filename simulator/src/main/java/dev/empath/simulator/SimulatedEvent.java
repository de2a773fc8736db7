package dev.empath.simulator;

/**
 * An event the simulator produced, with the arc it was scripted in: behaviour, a character
 * interaction or a label, so publishers and tests can handle a mixed, time-ordered stream.
 */
public interface SimulatedEvent {

  /** The Kafka record key of the event's topic (session id for behaviour). */
  String key();

  long timestampMs();

  /** The arc the player was in when the event happened. */
  Arc arc();
}
