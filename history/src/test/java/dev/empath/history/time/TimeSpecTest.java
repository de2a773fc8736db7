package dev.empath.history.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeSpecTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void acceptsEpochMillisInstantsDatesNowAndRelativeTimes() {
    assertThat(TimeSpec.parse("1764670000000", CLOCK)).isEqualTo(1_764_670_000_000L);
    assertThat(TimeSpec.parse("2026-12-02T10:15:00Z", CLOCK))
        .isEqualTo(Instant.parse("2026-12-02T10:15:00Z").toEpochMilli());
    assertThat(TimeSpec.parse("2026-12-02T11:15:00+01:00", CLOCK))
        .isEqualTo(Instant.parse("2026-12-02T10:15:00Z").toEpochMilli());
    assertThat(TimeSpec.parse("2026-12-01", CLOCK))
        .isEqualTo(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
    assertThat(TimeSpec.parse("now", CLOCK)).isEqualTo(NOW.toEpochMilli());
    assertThat(TimeSpec.parse("NOW", CLOCK)).isEqualTo(NOW.toEpochMilli());
    assertThat(TimeSpec.parse("-2h", CLOCK)).isEqualTo(NOW.toEpochMilli() - 7_200_000);
    assertThat(TimeSpec.parse("-1h30m", CLOCK)).isEqualTo(NOW.toEpochMilli() - 5_400_000);
    assertThat(TimeSpec.parse("-90s", CLOCK)).isEqualTo(NOW.toEpochMilli() - 90_000);
    assertThat(TimeSpec.parse("-250ms", CLOCK)).isEqualTo(NOW.toEpochMilli() - 250);
    assertThat(TimeSpec.parse("-7d", CLOCK)).isEqualTo(NOW.toEpochMilli() - 7 * 86_400_000L);
  }

  @Test
  void rejectsAnythingElseSayingWhatIsAccepted() {
    for (String bad : new String[] {"", "yesterday", "-2x", "2h", "-h", "99999999999999999999"}) {
      assertThatThrownBy(() -> TimeSpec.parse(bad, CLOCK))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ISO-8601");
    }
    assertThatThrownBy(() -> TimeSpec.parse("-99999999999999d", CLOCK))
        .hasMessageContaining("not a time");
  }

  @Test
  void formatsAsUtcInstants() {
    assertThat(TimeSpec.format(Instant.parse("2026-12-02T10:15:00.250Z").toEpochMilli()))
        .isEqualTo("2026-12-02T10:15:00.250Z");
  }

  @Test
  void durationsAreTypedAsRelativeTimesAreWithoutTheSign() {
    assertThat(TimeSpec.parseDuration("30m")).isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(TimeSpec.parseDuration("1h30m")).isEqualTo(java.time.Duration.ofMinutes(90));
    assertThat(TimeSpec.parseDuration("0")).isZero();
    assertThatThrownBy(() -> TimeSpec.parseDuration("soon"))
        .hasMessageContaining("not a duration: 'soon'");
    assertThatThrownBy(() -> TimeSpec.parseDuration("-2h")).hasMessageContaining("30m");
  }
}
