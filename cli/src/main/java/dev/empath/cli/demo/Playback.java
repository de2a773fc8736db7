package dev.empath.cli.demo;

import dev.empath.simulator.Arc;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.InteractionSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import dev.empath.simulator.SimulatedEvent;
import dev.empath.simulator.TelemetryPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated players in real time: every player plays one session touring all four arcs over the
 * given duration, talking to characters on the way, and each event is published when its event time
 * comes.
 */
public final class Playback {

  /** Mean gap between a session's events: five events a second per player. */
  static final long MEAN_GAP_MS = 200;

  private final List<SimulatedEvent> events;
  private final List<String> sessions;
  private final AtomicLong behaviourSent = new AtomicLong();
  private final AtomicLong interactionsSent = new AtomicLong();

  private Playback(List<SimulatedEvent> events, List<String> sessions) {
    this.events = events;
    this.sessions = sessions;
  }

  /** The events of {@code players} playing for {@code duration}, starting at {@code startMs}. */
  public static Playback plan(
      String gameId, int players, Duration duration, long startMs, long seed) {
    BehaviorSimulator simulator = new BehaviorSimulator(seed, MEAN_GAP_MS);
    int eventsPerArc = (int) Math.max(2, duration.toMillis() / MEAN_GAP_MS / Arc.values().length);
    List<PlayerProfile> profiles = simulator.players(gameId, players);
    List<ScriptedBehavior> behaviour =
        simulator.population(profiles, 1, Segment.tour(eventsPerArc), startMs);
    List<SimulatedEvent> all = new ArrayList<>(behaviour);
    all.addAll(new InteractionSimulator(seed, 8).alongside(behaviour));
    all.sort(Comparator.comparingLong(SimulatedEvent::timestampMs));
    List<String> sessions =
        behaviour.stream().map(b -> b.event().getSessionId()).distinct().sorted().toList();
    return new Playback(List.copyOf(all), sessions);
  }

  public List<String> sessions() {
    return sessions;
  }

  public int size() {
    return events.size();
  }

  public long behaviourSent() {
    return behaviourSent.get();
  }

  public long interactionsSent() {
    return interactionsSent.get();
  }

  /** Publishes every event at its event time; returns when all are sent (or on interrupt). */
  public void play(TelemetryPublisher publisher) throws InterruptedException {
    for (SimulatedEvent event : events) {
      long wait = event.timestampMs() - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait); // pacing a live feed, not waiting for state
      }
      publisher.send(event);
      if (event instanceof ScriptedBehavior) {
        behaviourSent.incrementAndGet();
      } else {
        interactionsSent.incrementAndGet();
      }
    }
    publisher.flush();
  }
}
