package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.config.EmotionSettings.BaselineRouting;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.Arc;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scripted sessions from the simulator through the production topology. */
class EmotionTopologyTest {

  static final long T0 = 1_764_000_000_000L;
  static final List<Segment> TOUR = Segment.tour(30);

  @TempDir Path stateDir;

  private final BehaviorSimulator simulator = new BehaviorSimulator(7);

  /**
   * A first, calm session teaches the topology the player's baseline; the second session plays
   * every arc. In the second half of each arc the dominant emotion must be one the arc intends.
   */
  @ParameterizedTest
  @EnumSource(BaselineRouting.class)
  void scriptedArcsGiveTheirIntendedEmotions(BaselineRouting routing) {
    PlayerProfile player = new PlayerProfile("game-1", "ann", 1.3);
    List<ScriptedBehavior> arcs = tour(player, "ann");
    try (EmotionDriver d =
        new EmotionDriver(
            stateDir,
            EmotionSettings.defaults().withRouting(routing),
            new TransparentEmotionModel())) {
      d.play(warmUp(player, "ann"));
      d.predictions();
      d.play(arcs);
      List<EmotionPrediction> predictions = d.predictions();

      Map<Arc, Double> hitRate = hitRatePerArc(arcs, predictions);
      assertThat(hitRate).containsOnlyKeys(Arc.values());
      assertThat(hitRate)
          .allSatisfy((arc, rate) -> assertThat(rate).as(arc.name()).isGreaterThanOrEqualTo(0.8));
    }
  }

  /**
   * Two players whose behaviour differs only by their natural pace (one 3x slower in every arc) get
   * the same emotions: each is judged against their own baseline.
   */
  @Test
  void playersWithDifferentNaturalSpeedsGetTheSameEmotionForTheSameRelativeChange() {
    PlayerProfile quick = new PlayerProfile("game-1", "quick", 0.7);
    PlayerProfile slow = new PlayerProfile("game-1", "slow", 2.1);
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      // Same session script and noise for both (same session id to the simulator), renamed.
      d.play(renamed(simulator.session(quick, "warm", T0, calm(60)), "quick-warm"));
      d.play(renamed(simulator.session(slow, "warm", T0, calm(60)), "slow-warm"));
      d.predictions();
      List<ScriptedBehavior> quickTour =
          renamed(simulator.session(quick, "tour", T0 + 3_600_000, TOUR), "quick-tour");
      List<ScriptedBehavior> slowTour =
          renamed(simulator.session(slow, "tour", T0 + 3_600_000, TOUR), "slow-tour");
      d.play(quickTour);
      d.play(slowTour);
      Map<String, List<EmotionPrediction>> bySession =
          d.predictions().stream().collect(Collectors.groupingBy(EmotionPrediction::getSessionId));

      Map<String, String> quickByEvent = dominantByEventIndex(bySession.get("quick-tour"));
      Map<String, String> slowByEvent = dominantByEventIndex(bySession.get("slow-tour"));
      List<String> common = new ArrayList<>(quickByEvent.keySet());
      common.retainAll(slowByEvent.keySet());
      long same =
          common.stream().filter(i -> quickByEvent.get(i).equals(slowByEvent.get(i))).count();
      assertThat(common).hasSizeGreaterThan(50);
      assertThat(same / (double) common.size()).isGreaterThanOrEqualTo(0.95);
      assertThat(hitRatePerArc(slowTour, bySession.get("slow-tour")))
          .allSatisfy((arc, rate) -> assertThat(rate).as(arc.name()).isGreaterThanOrEqualTo(0.8));
      // The raw pace really differs: without calibration these would not look alike.
      assertThat(slowTour.get(0).event().getDecisionLatencyMs())
          .isGreaterThan(2.5f * quickTour.get(0).event().getDecisionLatencyMs());
    }
  }

  /**
   * Valence through the topology: each prediction carries the model's valence of the features it
   * was made from, within -1..1; where an arc's feeling is clearly pleasant or unpleasant (success
   * in combat; deaths and failures; the same choice over and over), its sign says so.
   */
  @ParameterizedTest
  @EnumSource(BaselineRouting.class)
  void valenceFollowsTheFeaturesAndHasTheSignOfEachArc(BaselineRouting routing) {
    PlayerProfile player = new PlayerProfile("game-1", "val", 1.0);
    List<ScriptedBehavior> arcs = tour(player, "val");
    try (EmotionDriver d =
        new EmotionDriver(
            stateDir,
            EmotionSettings.defaults().withRouting(routing),
            new TransparentEmotionModel())) {
      d.play(warmUp(player, "val"));
      d.predictions();
      d.play(arcs);
      List<EmotionPrediction> predictions = d.predictions();

      assertThat(predictions)
          .isNotEmpty()
          .allSatisfy(
              p -> {
                assertThat(p.getValence()).isBetween(-1f, 1f);
                assertThat(p.getValence())
                    .as("valence of %s", p.getPredictionId())
                    .isCloseTo((float) expectedValence(p.getFeaturesMap()), within(1e-4f));
              });
      // The last quarter of each arc: the features' windows no longer hold the arc before it.
      Map<Arc, List<Float>> late = valencesInLastQuarter(arcs, predictions);
      assertThat(late.get(Arc.COMBAT_EXCITEMENT))
          .isNotEmpty()
          .allSatisfy(v -> assertThat(v).isPositive());
      assertThat(late.get(Arc.RISING_FRUSTRATION))
          .isNotEmpty()
          .allSatisfy(v -> assertThat(v).isNegative());
      assertThat(late.get(Arc.REPETITIVE_BOREDOM))
          .isNotEmpty()
          .allSatisfy(v -> assertThat(v).isNegative());
    }
  }

  /** The transparent model's valence, written out independently of its code. */
  private static double expectedValence(Map<String, Float> f) {
    return Math.tanh(
        1.2 * (f.get("success") - 0.5)
            + 8 * f.get("progress_rate")
            - 1.5 * f.get("death_rate")
            - 0.5 * f.get("damage")
            - 0.8 * Math.max(0, f.get("repetition") - 0.5));
  }

  private static Map<Arc, List<Float>> valencesInLastQuarter(
      List<ScriptedBehavior> script, List<EmotionPrediction> predictions) {
    Map<String, ScriptedBehavior> byId =
        script.stream().collect(Collectors.toMap(e -> e.event().getEventId(), Function.identity()));
    Map<Arc, List<Float>> out = new EnumMap<>(Arc.class);
    for (EmotionPrediction p : predictions) {
      ScriptedBehavior source = byId.get(p.getSourceEventId());
      if (source != null && source.arcProgress() >= 0.75) {
        out.computeIfAbsent(source.arc(), a -> new ArrayList<>()).add(p.getValence());
      }
    }
    return out;
  }

  @Test
  void confidenceIsLowForTheFirstEventsOfANewPlayerAndGrowsWithEvidence() {
    PlayerProfile player = new PlayerProfile("game-1", "new", 1.0);
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      d.play(simulator.session(player, "s1", T0, List.of(new Segment(Arc.RISING_FRUSTRATION, 40))));
      List<EmotionPrediction> predictions = d.predictions();

      assertThat(predictions.subList(0, 3))
          .allSatisfy(p -> assertThat(p.getConfidence()).isLessThan(0.35f));
      assertThat(predictions.get(0).getEventsSeen()).isEqualTo(1);
      EmotionPrediction last = predictions.get(predictions.size() - 1);
      assertThat(last.getConfidence()).isGreaterThan(0.5f);
      assertThat(last.getDominantEmotion()).isEqualTo("frustration");
      assertThat(last.getModelVersion()).isEqualTo(TransparentEmotionModel.VERSION);
      assertThat(last.getFeaturesMap()).containsKeys("latency_rel", "death_rate", "repetition");
      assertThat(last.getAllScoresMap().values().stream().mapToDouble(Float::doubleValue).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void atMostOnePredictionPerIntervalOfEventTimeUnlessTheDominantEmotionChanges() {
    // Events every 10-30 ms of event time: far faster than anyone needs predictions.
    BehaviorSimulator fast = new BehaviorSimulator(7, 20);
    List<ScriptedBehavior> events =
        fast.session(new PlayerProfile("game-1", "p", 1.0), "fast", T0, Segment.tour(60));
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      d.play(events);
      List<EmotionPrediction> predictions = d.predictions();

      assertThat(predictions.size()).isLessThan(events.size() / 5);
      for (int i = 1; i < predictions.size(); i++) {
        EmotionPrediction before = predictions.get(i - 1);
        EmotionPrediction now = predictions.get(i);
        boolean intervalPassed = now.getTimestampMs() - before.getTimestampMs() >= 250;
        boolean changed = !now.getDominantEmotion().equals(before.getDominantEmotion());
        assertThat(intervalPassed || changed)
            .as("prediction %d at +%d ms", i, now.getTimestampMs() - before.getTimestampMs())
            .isTrue();
      }
      assertThat(predictions.stream().map(EmotionPrediction::getDominantEmotion).distinct())
          .as("a dominant change is still emitted at once")
          .hasSizeGreaterThan(2);
    }
  }

  @Test
  void lateEventsAreDroppedReorderedOnesFoldedInAndResentOnesIgnored() {
    List<ScriptedBehavior> events =
        simulator.session(new PlayerProfile("g", "p", 1.0), "s", T0, calm(20));
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      d.play(events);
      long clock =
          d.predictions().stream().mapToLong(EmotionPrediction::getTimestampMs).max().orElseThrow();

      PlayerBehaviorData last = events.get(events.size() - 1).event();
      // Re-sent: same event id again.
      d.send(last);
      // Too late: 11 s behind the session clock (lateness 10 s).
      d.send(last.toBuilder().setEventId("late").setTimestampMs(clock - 11_000).build());
      assertThat(d.predictions()).isEmpty();

      // Out of order but within lateness, then a newer event: both folded in, clock never goes
      // back.
      d.send(last.toBuilder().setEventId("reordered").setTimestampMs(clock - 2_000).build());
      d.send(last.toBuilder().setEventId("next").setTimestampMs(clock + 300).build());
      List<EmotionPrediction> after = d.predictions();
      EmotionPrediction newest = after.get(after.size() - 1);
      assertThat(newest.getSourceEventId()).isEqualTo("next");
      assertThat(newest.getEventsSeen()).isEqualTo(22);
      assertThat(after)
          .allSatisfy(p -> assertThat(p.getTimestampMs()).isGreaterThanOrEqualTo(clock));
    }
  }

  static List<ScriptedBehavior> renamed(List<ScriptedBehavior> events, String sessionId) {
    return events.stream()
        .map(
            e ->
                new ScriptedBehavior(
                    e.event().toBuilder()
                        .setSessionId(sessionId)
                        .setEventId(e.event().getEventId().replaceFirst("^[^-]+", sessionId))
                        .build(),
                    e.arc(),
                    e.arcProgress()))
        .toList();
  }

  private List<ScriptedBehavior> warmUp(PlayerProfile player, String name) {
    return simulator.session(player, name + "-warm", T0, calm(60));
  }

  private List<ScriptedBehavior> tour(PlayerProfile player, String name) {
    return simulator.session(player, name + "-tour", T0 + 3_600_000, TOUR);
  }

  static List<Segment> calm(int events) {
    return List.of(new Segment(Arc.CALM_EXPLORATION, events));
  }

  /** Per arc: the share of predictions in the arc's second half whose dominant emotion fits it. */
  static Map<Arc, Double> hitRatePerArc(
      List<ScriptedBehavior> script, List<EmotionPrediction> predictions) {
    Map<String, ScriptedBehavior> byId =
        script.stream().collect(Collectors.toMap(e -> e.event().getEventId(), Function.identity()));
    Map<Arc, int[]> counts = new EnumMap<>(Arc.class);
    for (EmotionPrediction p : predictions) {
      ScriptedBehavior source = byId.get(p.getSourceEventId());
      if (source == null || source.arcProgress() < 0.5) {
        continue;
      }
      int[] c = counts.computeIfAbsent(source.arc(), a -> new int[2]);
      c[1]++;
      if (source.arc().expectedEmotions().contains(p.getDominantEmotion())) {
        c[0]++;
      }
    }
    Map<Arc, Double> out = new EnumMap<>(Arc.class);
    counts.forEach((arc, c) -> out.put(arc, c[0] / (double) c[1]));
    return out;
  }

  private static Map<String, String> dominantByEventIndex(List<EmotionPrediction> predictions) {
    Map<String, String> out = new HashMap<>();
    predictions.forEach(
        p -> out.put(p.getSourceEventId().replaceFirst("^.*-", ""), p.getDominantEmotion()));
    return out;
  }
}
