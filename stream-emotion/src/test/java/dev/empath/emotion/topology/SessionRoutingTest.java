package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BY_SESSION} routing: the player's baseline leaves with each session through the baselines
 * topic and comes back, through the global store, to the player's next session.
 */
class SessionRoutingTest {

  static final long T0 = EmotionTopologyTest.T0;

  @TempDir Path stateDir;

  private final BehaviorSimulator simulator = new BehaviorSimulator(5);
  private final PlayerProfile slow = new PlayerProfile("game-1", "slow", 2.2);

  @Test
  void aPlayersNextSessionStartsFromTheBaselineTheirLastSessionPublished() {
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      d.play(simulator.session(slow, "first", T0, EmotionTopologyTest.calm(60)));

      PlayerBaseline published = baselines(d).get("game-1/slow");
      assertThat(published.observations())
          .as("published every %d events", EmotionSettings.defaults().baselinePublishEvents())
          .isEqualTo(60);
      assertThat(Math.exp(published.logLatency()))
          .as("learned the player's slow pace, far from the 1,200 ms prior")
          .isGreaterThan(2_000);

      List<ScriptedBehavior> second =
          simulator.session(slow, "second", T0 + 3_600_000, EmotionTopologyTest.calm(1));
      d.play(second);
      SessionRecord next = sessions(d).get("second");
      assertThat(next.baseline().observations()).isEqualTo(61);
      assertThat(next.playerKey()).isEqualTo("game-1/slow");
    }
  }

  @Test
  void theRepartitioningRoutingNeedsNoBaselinesTopic() {
    EmotionSettings byPlayer =
        EmotionSettings.defaults().withRouting(EmotionSettings.BaselineRouting.BY_PLAYER);
    try (EmotionDriver d = new EmotionDriver(stateDir, byPlayer, new TransparentEmotionModel())) {
      d.play(simulator.session(slow, "first", T0, EmotionTopologyTest.calm(30)));
      assertThat(d.predictions()).isNotEmpty();
      assertThat(d.driver.getKeyValueStore(EmotionTopology.BASELINE_STORE)).isNull();
    }
  }

  @Test
  void idleSessionsAreForgottenInStreamTimeWhileTheirBaselineStays() {
    try (EmotionDriver d = new EmotionDriver(stateDir)) {
      d.play(simulator.session(slow, "old", T0, EmotionTopologyTest.calm(40)));
      assertThat(sessions(d).get("old")).isNotNull();

      Duration idle = EmotionSettings.defaults().sessionIdle();
      PlayerBehaviorData later =
          simulator
              .session(slow, "new", T0 + idle.toMillis() + 120_000, EmotionTopologyTest.calm(1))
              .get(0)
              .event();
      d.send(later);

      assertThat(sessions(d).get("old")).isNull();
      assertThat(sessions(d).get("new")).isNotNull();
      assertThat(baselines(d).get("game-1/slow").observations()).isEqualTo(40);
    }
  }

  @SuppressWarnings("unchecked")
  private static WriteBehindTable<SessionRecord> sessions(EmotionDriver d) {
    return (WriteBehindTable<SessionRecord>) d.driver.getStateStore(EmotionTopology.SESSION_STORE);
  }

  private static KeyValueStore<String, PlayerBaseline> baselines(EmotionDriver d) {
    return d.driver.getKeyValueStore(EmotionTopology.BASELINE_STORE);
  }
}
