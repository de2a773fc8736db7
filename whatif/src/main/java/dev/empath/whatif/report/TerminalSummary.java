package dev.empath.whatif.report;

import dev.empath.whatif.diff.EmotionComparison;
import dev.empath.whatif.diff.LabelComparison;
import dev.empath.whatif.diff.NarrativeComparison;
import dev.empath.whatif.diff.NarrativeStats;
import dev.empath.whatif.diff.SessionChange;
import dev.empath.whatif.diff.WhatIfDiff;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The report as a few dozen lines for a terminal. */
public final class TerminalSummary {

  private TerminalSummary() {}

  public static String render(WhatIfReport r) {
    StringBuilder out = new StringBuilder();
    WhatIfDiff d = r.diff();
    line(
        out,
        "what-if %s: %s .. %s, %s, warm-up %s",
        r.runId(),
        r.from(),
        r.to(),
        r.game().isEmpty() ? "all games" : "game " + r.game(),
        minutes(r.warmupMs()));
    line(
        out,
        "candidate: model %s, policy %s",
        r.candidateModel(),
        r.candidatePolicy().isEmpty() ? "(production's)" : r.candidatePolicy());
    WhatIfReport.Shadow s = r.shadow();
    line(
        out,
        "shadow %s: %,d behaviour events, %,d interactions, %,d policies copied in %s, emotion"
            + " done %s later, narrative %s after it (%,.0f events/s); diff %s",
        s.prefix(),
        s.behaviourCopied(),
        s.interactionsCopied(),
        s.policiesCopied(),
        seconds(s.copyMs()),
        seconds(s.emotionMs()),
        seconds(s.narrativeMs()),
        s.eventsPerSecond(),
        seconds(r.diffMs()));
    out.append('\n');
    emotion(out, d.emotion());
    out.append('\n');
    narrative(out, d.narrative());
    out.append('\n');
    labels(out, d.labels());
    line(out, "cost estimate: %s", d.costAssumption());
    out.append('\n');
    if (d.mostChanged().isEmpty()) {
      line(out, "sessions changed: none");
    } else {
      line(out, "sessions changed most:");
      for (SessionChange c : d.mostChanged()) {
        line(
            out,
            "  %s (game %s): %d emotion disagreements, %d decisions differ, hints %d -> %d",
            c.sessionId(),
            c.gameId(),
            c.emotionDisagreements(),
            c.decisionDifferences(),
            c.productionHints(),
            c.candidateHints());
        line(out, "    %s", c.story());
      }
    }
    if (!r.keptTopics().isEmpty()) {
      line(out, "kept %d shadow topics under %s (--keep)", r.keptTopics().size(), s.prefix());
    }
    return out.toString();
  }

  private static void labels(StringBuilder out, LabelComparison l) {
    if (!l.available()) {
      line(out, "labels: %s", l.note());
      return;
    }
    line(out, "%-30s %12s %12s", "against labels", "production", "candidate");
    line(
        out,
        "%-30s %11.1f%% %11.1f%%",
        "  accuracy",
        l.production().accuracy() * 100,
        l.candidate().accuracy() * 100);
    line(
        out,
        "%-30s %12.3f %12.3f",
        "  macro-F1",
        l.production().macroF1(),
        l.candidate().macroF1());
    line(out, "  %s", l.note());
  }

  private static void emotion(StringBuilder out, EmotionComparison e) {
    line(out, "%-30s %12s %12s", "emotion", "production", "candidate");
    line(
        out,
        "%-30s %,12d %,12d",
        "  predictions",
        e.production().predictions(),
        e.candidate().predictions());
    line(
        out,
        "%-30s %12s %11.1f%%   (%,d compared; %,d events differ)",
        "  agreement (dominant)",
        "",
        e.agreement() * 100,
        e.compared(),
        e.differences());
    TreeSet<String> emotions = new TreeSet<>(e.production().shares().keySet());
    emotions.addAll(e.candidate().shares().keySet());
    for (String emotion : emotions) {
      line(
          out,
          "%-30s %11.1f%% %11.1f%%",
          "  share " + emotion,
          e.production().share(emotion) * 100,
          e.candidate().share(emotion) * 100);
    }
    line(
        out,
        "%-30s %12.3f %12.3f",
        "  mean valence",
        e.production().meanValence(),
        e.candidate().meanValence());
    line(
        out,
        "%-30s %12.3f %12.3f",
        "  mean arousal",
        e.production().meanArousal(),
        e.candidate().meanArousal());
    if (!e.confusion().isEmpty()) {
      line(out, "  confusion (rows production, columns candidate):");
      List<String> columns = e.emotions();
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "    %-12s", ""));
      columns.forEach(c -> header.append(String.format(Locale.ROOT, "%12s", c)));
      out.append(header).append('\n');
      for (Map.Entry<String, Map<String, Long>> row : e.confusion().entrySet()) {
        StringBuilder cells =
            new StringBuilder(String.format(Locale.ROOT, "    %-12s", row.getKey()));
        columns.forEach(
            c ->
                cells.append(
                    String.format(Locale.ROOT, "%,12d", row.getValue().getOrDefault(c, 0L))));
        out.append(cells).append('\n');
      }
    }
  }

  private static void narrative(StringBuilder out, NarrativeComparison n) {
    NarrativeStats a = n.production();
    NarrativeStats b = n.candidate();
    line(out, "%-30s %12s %12s", "narrative", "production", "candidate");
    line(out, "%-30s %,12d %,12d", "  decisions", a.decisions(), b.decisions());
    TreeSet<String> phases = new TreeSet<>(a.phaseTimeShare().keySet());
    phases.addAll(b.phaseTimeShare().keySet());
    for (String p : phases) {
      line(
          out,
          "%-30s %11.1f%% %11.1f%%",
          "  time in " + p,
          a.phaseShare(p) * 100,
          b.phaseShare(p) * 100);
    }
    line(out, "%-30s %,12d %,12d", "  hints offered", a.hints(), b.hints());
    line(
        out,
        "%-30s %12s %12s",
        "  difficulty mean ± sd",
        String.format(Locale.ROOT, "%.3f±%.3f", a.difficultyMean(), a.difficultyStdDev()),
        String.format(Locale.ROOT, "%.3f±%.3f", b.difficultyMean(), b.difficultyStdDev()));
    line(out, "%-30s %,12d %,12d", "  tone changes", a.toneChanges(), b.toneChanges());
    TreeSet<String> purposes = new TreeSet<>(a.requestsByPurpose().keySet());
    purposes.addAll(b.requestsByPurpose().keySet());
    for (String p : purposes) {
      line(
          out,
          "%-30s %,12d %,12d",
          "  requests " + p,
          a.requestsByPurpose().getOrDefault(p, 0L),
          b.requestsByPurpose().getOrDefault(p, 0L));
    }
    line(out, "%-30s %12s %12s", "  estimated cost", usd(a.costUsd()), usd(b.costUsd()));
    line(
        out,
        "  differences: %,d decisions, %,d generation requests",
        n.decisionDifferences(),
        n.requestDifferences());
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "$%.4f", v);
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String minutes(long ms) {
    return ms % 60_000 == 0 ? ms / 60_000 + " min" : seconds(ms);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
