package dev.empath.query.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.query.problem.ProblemException;
import org.junit.jupiter.api.Test;

class SessionFilterTest {

  @Test
  void durationsReadAsMillisecondsUnitsOrIso() {
    assertThat(SessionFilter.duration("d", "1500", 0)).isEqualTo(1500);
    assertThat(SessionFilter.duration("d", "90s", 0)).isEqualTo(90_000);
    assertThat(SessionFilter.duration("d", "2m", 0)).isEqualTo(120_000);
    assertThat(SessionFilter.duration("d", "1h", 0)).isEqualTo(3_600_000);
    assertThat(SessionFilter.duration("d", "250ms", 0)).isEqualTo(250);
    assertThat(SessionFilter.duration("d", "PT2M", 0)).isEqualTo(120_000);
    assertThat(SessionFilter.duration("d", null, 7)).isEqualTo(7);
    for (String bad : new String[] {"soon", "-1", "2x", "31d", "PT-1S", "9999999999h"}) {
      assertThatThrownBy(() -> SessionFilter.duration("dominantFor", bad, 0))
          .isInstanceOf(ProblemException.class)
          .hasMessageContaining("dominantFor");
    }
  }

  @Test
  void keepsSessionsByEmotionPhaseAndHowLongTheEmotionHeld() {
    long now = 1_000_000;
    SessionRow frustratedFor3m = row("frustration", "sustain_peak", now - 180_000);
    SessionRow frustratedFor1m = row("frustration", "build_up", now - 60_000);
    SessionFilter frustrated2m = SessionFilter.parse(null, "Frustration", null, "2m");
    assertThat(frustrated2m.keeps(frustratedFor3m, now)).isTrue();
    assertThat(frustrated2m.keeps(frustratedFor1m, now)).isFalse();
    SessionFilter peak = SessionFilter.parse(null, null, "sustain_peak", null);
    assertThat(peak.keeps(frustratedFor3m, now)).isTrue();
    assertThat(peak.keeps(frustratedFor1m, now)).isFalse();
    assertThat(SessionFilter.parse(null, null, null, null).keeps(frustratedFor1m, now)).isTrue();
    assertThatThrownBy(() -> SessionFilter.parse(null, "a b", null, null))
        .isInstanceOf(ProblemException.class);
  }

  private static SessionRow row(String emotion, String phase, long since) {
    return new SessionRow(
        "s", "p", since + 1, emotion, 0.8, 0, 0, since, phase, since, 0.5, "tense", null, null);
  }
}
