package dev.empath.bench.chaos;

import dev.empath.bench.harness.BenchReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A whole run: its rounds, the restarts nobody asked for, and the verdict of the checks. */
record ChaosResult(
    List<Round> rounds,
    List<String> unplannedRestarts,
    long published,
    long malformedPublished,
    Verdict verdict) {

  /** One kill and what followed it. */
  record Round(int number, String target, long pid, Duration restart, Duration recovery) {}

  Map<String, Integer> killsPerComponent() {
    Map<String, Integer> out = new TreeMap<>();
    for (String target : ChaosOptions.ALL_TARGETS) {
      out.put(target, 0);
    }
    rounds.forEach(r -> out.merge(r.target(), 1, Integer::sum));
    return out;
  }

  Duration longestRecovery() {
    return rounds.stream().map(Round::recovery).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  boolean passed() {
    return verdict.passed();
  }

  void print(BenchReport report) {
    Verdict v = verdict;
    report.info(
        "emotion: %d records, %d expected, %d lost, %d extra, %d keys reordered %s",
        v.emotion().actual(),
        v.emotion().expected(),
        v.emotion().lost(),
        v.emotion().duplicated(),
        v.emotion().reorderedKeys(),
        v.emotion().examples());
    report.info(
        "narrative: %d records, %d expected, %d lost, %d extra, %d keys reordered %s",
        v.narrative().actual(),
        v.narrative().expected(),
        v.narrative().lost(),
        v.narrative().duplicated(),
        v.narrative().reorderedKeys(),
        v.narrative().examples());
    report.info(
        "generation: %d requests, %d results, %d without a result, %d extra, %d without a request",
        v.generations().requests(),
        v.generations().results(),
        v.generations().missing(),
        v.generations().duplicated(),
        v.generations().orphans());
    report.info(
        "projection: %d keys, %d differ from a clean rebuild %s",
        v.projectionKeys(),
        v.projectionDifferences().size(),
        v.projectionDifferences().subList(0, Math.min(5, v.projectionDifferences().size())));
    DeadLetterCheck.Result d = v.deadLetters();
    report.info(
        "dead letters: %d expected, %d missing, %d extra copies, %d unexpected, %d without a reason %s",
        d.expected(), d.missing(), d.duplicated(), d.unexpected(), d.withoutReason(), d.examples());
    if (!unplannedRestarts.isEmpty()) {
      report.info("restarted without being killed: %s", unplannedRestarts);
    }
    report.metric("chaos_rounds", rounds.size(), "rounds");
    killsPerComponent()
        .forEach((c, n) -> report.metric("chaos_kills_" + c.replace('-', '_'), n, "kills"));
    report.metric("chaos_lost", v.lost(), "records");
    report.metric("chaos_duplicated", v.duplicated(), "records");
    report.metric(
        "chaos_reordered_keys",
        v.emotion().reorderedKeys() + v.narrative().reorderedKeys(),
        "keys");
    report.metric("chaos_projection_equal", v.projectionEqual() ? 1 : 0, "bool");
    report.metric("chaos_dead_letters_exact", d.exact() ? 1 : 0, "bool");
    report.metric("chaos_dead_letters", d.expected(), "records");
    report.metric("chaos_generation_results", v.generations().results(), "records");
    report.metric("chaos_published", published, "records");
    report.metric("chaos_unplanned_restarts", unplannedRestarts.size(), "restarts");
    report.metric("chaos_longest_recovery_ms", longestRecovery().toMillis(), "ms");
  }
}
