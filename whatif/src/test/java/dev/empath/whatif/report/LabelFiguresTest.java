package dev.empath.whatif.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.whatif.diff.CostEstimate;
import dev.empath.whatif.diff.SideRecords;
import dev.empath.whatif.diff.WhatIfDiff;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accuracy and macro-F1 against labels reach every output: terminal, JSON and HTML. */
class LabelFiguresTest {

  private static final long T = 1_764_000_000_000L;

  @Test
  void theTerminalSummaryTheJsonAndTheHtmlShowBothSidesAgainstTheLabels() {
    SideRecords production = side(p("e1", 0, "calm"), p("e2", 1000, "frustration"));
    SideRecords candidate = side(p("e1", 0, "calm"), p("e2", 1000, "calm"));
    List<EmotionLabel> labels = List.of(label("l1", 500, "calm"), label("l2", 1500, "frustration"));
    WhatIfDiff diff =
        WhatIfDiff.of(
            production,
            candidate,
            labels,
            T,
            T + 2000,
            new CostEstimate(EmpathConfig.of(Map.of())));

    String terminal = TerminalSummary.render(report(diff));
    assertThat(terminal)
        .contains("against labels                   production    candidate")
        .containsPattern("  accuracy\\s+100\\.0%\\s+50\\.0%")
        .containsPattern("  macro-F1\\s+1\\.000\\s+0\\.333")
        .contains("2 labels on empath.emotion.label.v1, 2 judged");
    assertThat(JsonReport.render(report(diff)))
        .contains("\"macroF1\" : 1.0")
        .contains("\"accuracy\" : 0.5")
        .contains("\"joined\" : 2");
    assertThat(HtmlReport.render(report(diff))).contains("macro-F1 against labels");

    WhatIfDiff none =
        WhatIfDiff.of(
            production,
            candidate,
            List.of(),
            T,
            T + 2000,
            new CostEstimate(EmpathConfig.of(Map.of())));
    assertThat(TerminalSummary.render(report(none)))
        .contains("labels: no labels for this range on empath.emotion.label.v1")
        .doesNotContain("against labels");
  }

  private static WhatIfReport report(WhatIfDiff diff) {
    return new WhatIfReport(
        "t",
        "a",
        "b",
        0,
        "g1",
        "m1",
        "",
        new WhatIfReport.Shadow("whatif.t.", 2, 0, 0, 1, 1, 1),
        diff,
        1,
        List.of());
  }

  private static SideRecords side(EmotionPrediction... predictions) {
    return new SideRecords(List.of(predictions), List.of(), List.of());
  }

  private static EmotionPrediction p(String event, long t, String emotion) {
    return EmotionPrediction.newBuilder()
        .setGameId("g1")
        .setSessionId("s1")
        .setSourceEventId(event)
        .setPredictionId("s1/" + event)
        .setTimestampMs(T + t)
        .setDominantEmotion(emotion)
        .setConfidence(0.8f)
        .build();
  }

  private static EmotionLabel label(String id, long t, String emotion) {
    return EmotionLabel.newBuilder()
        .setLabelId(id)
        .setGameId("g1")
        .setSessionId("s1")
        .setPlayerId("p1")
        .setTimestampMs(T + t)
        .setEmotion(emotion)
        .setSource("self_report")
        .build();
  }
}
