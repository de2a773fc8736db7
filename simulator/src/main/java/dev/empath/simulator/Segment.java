package dev.empath.simulator;

import java.util.List;

/** One part of a session script: {@code events} behaviour events played in {@code arc}. */
public record Segment(Arc arc, int events) {

  public Segment {
    if (events <= 0) {
      throw new IllegalArgumentException("a segment has at least one event, was " + events);
    }
  }

  /** Calm, frustration, calm, combat, boredom: every arc once, with a calm recovery. */
  public static List<Segment> tour(int eventsPerArc) {
    return List.of(
        new Segment(Arc.CALM_EXPLORATION, eventsPerArc),
        new Segment(Arc.RISING_FRUSTRATION, eventsPerArc),
        new Segment(Arc.CALM_EXPLORATION, eventsPerArc),
        new Segment(Arc.COMBAT_EXCITEMENT, eventsPerArc),
        new Segment(Arc.REPETITIVE_BOREDOM, eventsPerArc));
  }
}
