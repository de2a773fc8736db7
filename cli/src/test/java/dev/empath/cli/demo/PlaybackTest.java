package dev.empath.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.simulator.LabelSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.ScriptedLabel;
import dev.empath.simulator.Segment;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlaybackTest {

  @Test
  void playersStartAtDifferentTimesAndPlayDifferentMixesOfArcsWithinTheDuration() {
    long start = 1_000_000L;
    Duration duration = Duration.ofSeconds(60);
    Playback playback = Playback.plan("g", 12, duration, start, 7);
    Map<String, List<ScriptedBehavior>> bySession =
        playback.behaviour().stream()
            .collect(
                Collectors.groupingBy(
                    b -> b.event().getSessionId(), TreeMap::new, Collectors.toList()));
    assertThat(bySession).hasSize(12);
    Set<Long> starts = new HashSet<>();
    Set<List<String>> mixes = new HashSet<>();
    for (List<ScriptedBehavior> events : bySession.values()) {
      starts.add(events.get(0).timestampMs());
      mixes.add(events.stream().map(b -> b.arc().name()).distinct().toList());
      assertThat(events.get(0).timestampMs() - start).isBetween(0L, duration.toMillis() / 3);
      // Gaps vary around the mean, so a session ends near the end of the duration, not far past.
      assertThat(events.get(events.size() - 1).timestampMs() - start)
          .isLessThan(duration.toMillis() * 3 / 2);
    }
    assertThat(starts).hasSizeGreaterThan(6);
    assertThat(mixes).hasSizeGreaterThan(3);
  }

  @Test
  void playersCheckInWithTheirArcsEmotionEverySoOftenAndTheSameSeedGivesTheSameLabels() {
    Labelling labelling = new Labelling(Duration.ofSeconds(3), 0, 0);
    Playback playback = Playback.plan("g", 6, Duration.ofSeconds(30), 1_000_000L, 7, labelling);

    List<ScriptedLabel> labels = playback.labels();
    Map<String, Long> perSession =
        labels.stream()
            .collect(Collectors.groupingBy(l -> l.label().getSessionId(), Collectors.counting()));
    assertThat(perSession).hasSize(6);
    // A check-in every 15 events of about 200 ms, none while an arc is just beginning.
    long events = playback.behaviour().size();
    assertThat((long) labels.size()).isBetween(events / 15 / 2, events / 15);
    assertThat(labels)
        .allSatisfy(
            l -> assertThat(l.label().getEmotion()).isEqualTo(LabelSimulator.truth(l.arc())));
    assertThat(Playback.plan("g", 6, Duration.ofSeconds(30), 1_000_000L, 7, labelling).labels())
        .isEqualTo(labels);
    assertThat(Playback.plan("g", 6, Duration.ofSeconds(30), 1_000_000L, 7).labels()).isEmpty();
  }

  @Test
  void aScriptHasTwoToFourSegmentsOfDistinctArcsThatAddUpToTheEvents() {
    SplittableRandom random = new SplittableRandom(3);
    for (int events : new int[] {4, 5, 17, 300}) {
      List<Segment> script = Playback.script(random, events);
      assertThat(script).hasSizeBetween(2, 4);
      assertThat(script.stream().mapToInt(Segment::events).sum()).isEqualTo(events);
      assertThat(script).allSatisfy(s -> assertThat(s.events()).isGreaterThanOrEqualTo(2));
      assertThat(script.stream().map(Segment::arc).distinct()).hasSameSizeAs(script);
    }
  }
}
