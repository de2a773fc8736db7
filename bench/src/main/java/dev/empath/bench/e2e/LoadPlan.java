package dev.empath.bench.e2e;

import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One load step, fully serialised before it is sent: simulated sessions whose events together
 * arrive at {@code rate} per second for {@code duration}, each event stamped with the moment it is
 * due. Building and serialising up front keeps the generator's per-event cost at one {@code send}.
 */
final class LoadPlan {

  /** A record ready for the producer, due at its event time. */
  record PlannedRecord(long timestampMs, byte[] key, byte[] value) {}

  private final List<PlannedRecord> records;
  private final int sessions;

  private LoadPlan(List<PlannedRecord> records, int sessions) {
    this.records = records;
    this.sessions = sessions;
  }

  /**
   * Enough concurrent sessions of one game that their natural pace (one event per mean gap each)
   * adds up to {@code rate}; session starts are spread over one gap so the step starts without a
   * burst, and events past the end of the step are cut.
   *
   * @param label makes session ids unique to this step, so every step starts fresh sessions
   */
  static LoadPlan generate(
      TopicSpec<String, PlayerBehaviorData> topic,
      String gameId,
      String label,
      int rate,
      Duration duration,
      long startMs,
      long seed) {
    long meanGap = BehaviorSimulator.DEFAULT_MEAN_GAP_MS;
    BehaviorSimulator simulator = new BehaviorSimulator(seed, meanGap);
    int sessions = (int) Math.max(1, Math.round(rate * meanGap / 1000.0));
    long endMs = startMs + duration.toMillis();
    // Five segments per tour; a few events to spare because gaps vary around the mean.
    int eventsPerArc = (int) (duration.toMillis() / meanGap / 5) + 2;
    List<Segment> script = Segment.tour(eventsPerArc);
    List<PlayerProfile> players = simulator.players(gameId, sessions);
    SplittableRandom random = new SplittableRandom(seed);
    Serializer<PlayerBehaviorData> serializer = topic.valueSerde().serializer();

    List<PlannedRecord> out = new ArrayList<>((int) (rate * duration.toSeconds() + sessions));
    for (PlayerProfile player : players) {
      String sessionId = label + "-" + player.playerId();
      byte[] key = sessionId.getBytes(StandardCharsets.UTF_8);
      long sessionStart = startMs + random.nextLong(meanGap);
      for (ScriptedBehavior b : simulator.session(player, sessionId, sessionStart, script)) {
        if (b.timestampMs() >= endMs) {
          break;
        }
        out.add(
            new PlannedRecord(b.timestampMs(), key, serializer.serialize(topic.name(), b.event())));
      }
    }
    out.sort(Comparator.comparingLong(PlannedRecord::timestampMs));
    return new LoadPlan(List.copyOf(out), sessions);
  }

  List<PlannedRecord> records() {
    return records;
  }

  int sessions() {
    return sessions;
  }

  int size() {
    return records.size();
  }
}
