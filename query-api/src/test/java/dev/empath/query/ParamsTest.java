package dev.empath.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.problem.ProblemType;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void idsFollowTheEventContract() {
    assertThat(Params.id("gameId", "game-1:eu")).isEqualTo("game-1:eu");
    assertThat(Params.id("gameId", "x".repeat(128))).hasSize(128);
    assertBadRequest(() -> Params.id("gameId", "x".repeat(129)), "gameId");
    assertBadRequest(() -> Params.id("sessionId", "a\u0000b"), "sessionId");
    assertBadRequest(() -> Params.id("sessionId", "  "), "sessionId");
  }

  @Test
  void timesAreEpochMillisOrIsoInstants() {
    assertThat(Params.time("from", null, -1)).isEqualTo(-1);
    assertThat(Params.time("from", "1000", -1)).isEqualTo(1000);
    assertThat(Params.time("from", "1970-01-01T00:00:01Z", -1)).isEqualTo(1000);
    assertBadRequest(() -> Params.time("from", "yesterday", -1), "from");
  }

  @Test
  void limitsAreBounded() {
    assertThat(Params.limit(null, 50, 1000)).isEqualTo(50);
    assertThat(Params.limit("1000", 50, 1000)).isEqualTo(1000);
    assertBadRequest(() -> Params.limit("0", 50, 1000), "limit");
    assertBadRequest(() -> Params.limit("1001", 50, 1000), "limit");
    assertBadRequest(() -> Params.limit("1e3", 50, 1000), "limit");
  }

  @Test
  void orderIsAscOrDesc() {
    assertThat(Params.descending(null)).isTrue();
    assertThat(Params.descending("ASC")).isFalse();
    assertBadRequest(() -> Params.descending("up"), "order");
  }

  private static void assertBadRequest(Runnable call, String parameter) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.BAD_REQUEST))
        .hasMessageContaining(parameter);
  }
}
