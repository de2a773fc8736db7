package dev.empath.cli.demo;

import dev.empath.simulator.Arc;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.InteractionSimulator;
import dev.empath.simulator.LabelSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.ScriptedLabel;
import dev.empath.simulator.Segment;
import dev.empath.simulator.SimulatedEvent;
import dev.empath.simulator.TelemetryPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated players in real time, as a fleet of real players would arrive: each player starts at
 * its own moment within the first third of the duration and plays its own mix of arcs (a shuffled
 * order, two to four segments) until the end, talking to characters on the way and, when asked,
 * checking in with how they feel (labels); each event is published when its event time comes.
 */
public final class Playback {

  /** Mean gap between a session's events: five events a second per player. */
  static final long MEAN_GAP_MS = 200;

  private final List<SimulatedEvent> events;
  private final List<ScriptedBehavior> behaviour;
  private final List<ScriptedLabel> labels;
  private final List<String> sessions;
  private final AtomicLong behaviourSent = new AtomicLong();
  private final AtomicLong interactionsSent = new AtomicLong();
  private final AtomicLong labelsSent = new AtomicLong();

  private Playback(
      List<SimulatedEvent> events,
      List<ScriptedBehavior> behaviour,
      List<ScriptedLabel> labels,
      List<String> sessions) {
    this.events = events;
    this.behaviour = behaviour;
    this.labels = labels;
    this.sessions = sessions;
  }

  /** The events of {@code players} playing for {@code duration}, starting at {@code startMs}. */
  public static Playback plan(
      String gameId, int players, Duration duration, long startMs, long seed) {
    return plan(gameId, players, duration, startMs, seed, Labelling.NONE);
  }

  /** As {@link #plan(String, int, Duration, long, long)}, the players labelling as they play. */
  public static Playback plan(
      String gameId, int players, Duration duration, long startMs, long seed, Labelling labelling) {
    BehaviorSimulator simulator = new BehaviorSimulator(seed, MEAN_GAP_MS);
    LabelSimulator labeller = labelling.enabled() ? labelling.labeller(seed, MEAN_GAP_MS) : null;
    SplittableRandom random = new SplittableRandom(seed);
    List<ScriptedBehavior> behaviour = new ArrayList<>();
    List<ScriptedLabel> labels = new ArrayList<>();
    for (PlayerProfile player : simulator.players(gameId, players)) {
      long offset = players == 1 ? 0 : random.nextLong(duration.toMillis() / 3 + 1);
      int events = (int) Math.max(4, (duration.toMillis() - offset) / MEAN_GAP_MS);
      List<ScriptedBehavior> session =
          simulator.session(
              player, player.playerId() + "-session-0", startMs + offset, script(random, events));
      behaviour.addAll(session);
      if (labeller != null) {
        labels.addAll(labeller.scripted(session));
      }
    }
    behaviour.sort(Comparator.comparingLong(ScriptedBehavior::timestampMs));
    List<SimulatedEvent> all = new ArrayList<>(behaviour);
    all.addAll(new InteractionSimulator(seed, 8).alongside(behaviour));
    // A check-in follows the moment it is about; the stable sort keeps it after its event.
    all.addAll(labels);
    all.sort(Comparator.comparingLong(SimulatedEvent::timestampMs));
    List<String> sessions =
        behaviour.stream().map(b -> b.event().getSessionId()).distinct().sorted().toList();
    return new Playback(List.copyOf(all), List.copyOf(behaviour), List.copyOf(labels), sessions);
  }

  /** Two to four segments over {@code events} events, arcs in a shuffled order. */
  static List<Segment> script(SplittableRandom random, int events) {
    List<Arc> arcs = new ArrayList<>(List.of(Arc.values()));
    for (int i = arcs.size() - 1; i > 0; i--) {
      Collections.swap(arcs, i, random.nextInt(i + 1));
    }
    int segments = Math.min(events / 2, 2 + random.nextInt(3));
    List<Segment> script = new ArrayList<>();
    int left = events;
    for (int i = 0; i < segments; i++) {
      int share = i == segments - 1 ? left : Math.max(2, left / (segments - i));
      script.add(new Segment(arcs.get(i % arcs.size()), share));
      left -= share;
    }
    return script;
  }

  /** The behaviour events of every session, in time order. */
  List<ScriptedBehavior> behaviour() {
    return behaviour;
  }

  /** The labels the players give, in the order they were planned. */
  List<ScriptedLabel> labels() {
    return labels;
  }

  public List<String> sessions() {
    return sessions;
  }

  /** Every event, behaviour and interactions, in time order. */
  public List<SimulatedEvent> events() {
    return events;
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

  public long labelsSent() {
    return labelsSent.get();
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
      } else if (event instanceof ScriptedLabel) {
        labelsSent.incrementAndGet();
      } else {
        interactionsSent.incrementAndGet();
      }
    }
    publisher.flush();
  }
}
