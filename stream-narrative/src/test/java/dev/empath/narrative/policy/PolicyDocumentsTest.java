package dev.empath.narrative.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PacingPhase;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

  @Test
  void shippedDefaultIsValidAndCoversEveryPhase() {
    NarrativePolicy policy = DefaultPolicy.load();

    assertThat(policy.getGameId()).isEqualTo(DefaultPolicy.ALL_GAMES);
    assertThat(policy.getVersion()).isEqualTo("default-1");
    assertThat(PolicyRules.violations(policy)).isEmpty();
    assertThat(policy.getSceneCuesMap())
        .containsOnlyKeys("build_up", "sustain_peak", "peak_fade", "relax");
    assertThat(policy.getToneRulesList())
        .anySatisfy(r -> assertThat(r.getPhase()).isEqualTo(PacingPhase.PACING_PHASE_SUSTAIN_PEAK));
  }

  @Test
  void documentRoundTripsThroughJson() {
    NarrativePolicy policy = DefaultPolicy.load();
    assertThat(PolicyDocuments.parse(PolicyDocuments.toJson(policy), "round-trip"))
        .isEqualTo(policy);
  }

  @Test
  void misspeltFieldIsRejectedNotIgnored() {
    String json =
        PolicyDocuments.toJson(DefaultPolicy.load()).replace("\"peakEnter\"", "\"peakEntr\"");
    assertThatThrownBy(() -> PolicyDocuments.parse(json, "typo.json"))
        .isInstanceOf(PolicyRejectedException.class)
        .hasMessageContaining("typo.json")
        .hasMessageContaining("peakEntr");
  }

  @Test
  void everyBrokenRuleIsNamed() {
    NarrativePolicy broken =
        DefaultPolicy.load().toBuilder()
            .setVersion("")
            .setPhases(DefaultPolicy.load().getPhases().toBuilder().setPeakExit(0.95f))
            .addContentTriggers(
                DefaultPolicy.load().getContentTriggers(0).toBuilder().setOnHint(false))
            .build();
    assertThat(PolicyRules.violations(broken))
        .anySatisfy(v -> assertThat(v).contains("version"))
        .anySatisfy(v -> assertThat(v).contains("hysteresis"))
        .anySatisfy(v -> assertThat(v).contains("content_triggers[4] needs"));
  }
}
