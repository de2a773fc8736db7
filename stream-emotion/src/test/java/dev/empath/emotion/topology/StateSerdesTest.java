package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.features.SessionFeatures;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

  @Test
  void playerStateSurvivesItsBinaryLayout() {
    SessionState session =
        new SessionState(
            new SessionFeatures(7, 6.9, 0.2, 4.1, 0.6, 0.4, 0.3, 0.1, 4, 0.25, 0.5, 0.01, 0.8),
            1_764_000_000_123L,
            1_764_000_000_000L,
            "frustration",
            RecentEventIds.of(SessionState.idHash("e-1"), SessionState.idHash("é-2")),
            2);
    PlayerState player =
        PlayerState.newPlayer()
            .with(new PlayerBaseline(12, 7.1, 4.0, 0.15), "s-1", SessionState.initial())
            .with(new PlayerBaseline(13, 7.1, 4.0, 0.15), "sessión-2", session);
    byte[] bytes = StateSerdes.player().serializer().serialize("t", player);
    assertThat(StateSerdes.player().deserializer().deserialize("t", bytes)).isEqualTo(player);
    assertThat(player.session("sessión-2")).contains(session);
  }

  @Test
  void sessionRecordsAndPublishedBaselinesSurviveTheirBinaryLayouts() {
    SessionState session =
        SessionState.initial()
            .after(SessionFeatures.empty(), 1_764_000_000_123L, "é-1", true, "calm")
            .afterLateEvent();
    SessionRecord record =
        new SessionRecord("gamé/player", new PlayerBaseline(40, 7.3, 3.9, 0.2), session, 99L);
    byte[] bytes = StateSerdes.session().serializer().serialize("t", record);
    assertThat(StateSerdes.session().deserializer().deserialize("t", bytes)).isEqualTo(record);

    PlayerBaseline baseline = new PlayerBaseline(60, 7.9, 3.5, 0.18);
    byte[] published = StateSerdes.baseline().serializer().serialize("t", baseline);
    assertThat(published).hasSize(33);
    assertThat(StateSerdes.baseline().deserializer().deserialize("t", published))
        .isEqualTo(baseline);
    assertThatThrownBy(() -> StateSerdes.baseline().deserializer().deserialize("t", bytes))
        .as("a layout is never read as another")
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void aPlayerKeepsOnlyTheirMostRecentSessions() {
    PlayerState player = PlayerState.newPlayer();
    for (int i = 0; i < PlayerState.MAX_SESSIONS + 2; i++) {
      SessionState s =
          SessionState.initial().after(SessionFeatures.empty(), 1000 + i, "e", false, "");
      player = player.with(player.baseline(), "s" + i, s);
    }
    assertThat(player.sessions()).hasSize(PlayerState.MAX_SESSIONS);
    assertThat(player.session("s0")).isEmpty();
    assertThat(player.session("s1")).isEmpty();
    assertThat(player.session("s" + (PlayerState.MAX_SESSIONS + 1))).isPresent();
  }

  @Test
  void rateLimitLetsTheFirstAChangeAndAnIntervalThrough() {
    Duration interval = Duration.ofMillis(250);
    SessionState fresh = SessionState.initial();
    assertThat(RateLimit.shouldEmit(fresh, 1000, "calm", interval)).isTrue();
    SessionState emitted = fresh.after(SessionFeatures.empty(), 1000, "e1", true, "calm");
    assertThat(RateLimit.shouldEmit(emitted, 1249, "calm", interval)).isFalse();
    assertThat(RateLimit.shouldEmit(emitted, 1100, "joy", interval)).isTrue();
    assertThat(RateLimit.shouldEmit(emitted, 1250, "calm", interval)).isTrue();
  }

  @Test
  void onlyTheLastFewEventIdsAreRemembered() {
    SessionState s = SessionState.initial();
    for (int i = 0; i < SessionState.REMEMBERED_IDS + 1; i++) {
      s = s.after(SessionFeatures.empty(), i, "e" + i, false, "");
    }
    assertThat(s.hasSeen("e0")).isFalse();
    assertThat(s.hasSeen("e" + SessionState.REMEMBERED_IDS)).isTrue();
    assertThat(s.maxTimestampMs()).isEqualTo(SessionState.REMEMBERED_IDS);
  }
}
