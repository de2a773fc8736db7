package dev.empath.whatif.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.history.progress.Progress;
import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.LinearScore;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.TransparentModel;
import dev.empath.schemas.v1.WeightedInput;
import dev.empath.whatif.report.HtmlReport;
import dev.empath.whatif.report.JsonReport;
import dev.empath.whatif.report.ReportBrowser;
import dev.empath.whatif.report.WhatIfReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What-ifs against a production run by the real services on one shared broker: the production
 * policy reproduces production exactly, a lower hint threshold gives exactly the hints a direct
 * replay gives, a model that ignores deaths sees less frustration, and production's topics and
 * consumer groups are never touched.
 */
class WhatIfIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  private static Path dir;
  private static Production production;

  private Map<TopicPartition, Long> endsBefore;
  private Set<String> groupsBefore;

  @BeforeAll
  static void runProduction() throws Exception {
    dir = Files.createTempDirectory(Path.of("target"), "whatif-it");
    production = Production.run(kafka, dir);
  }

  @BeforeEach
  void snapshotProduction() throws Exception {
    endsBefore = productionEnds();
    groupsBefore = groups();
  }

  @AfterEach
  void productionUntouched() throws Exception {
    assertThat(productionEnds()).isEqualTo(endsBefore);
    assertThat(groups()).isEqualTo(groupsBefore);
  }

  @Test
  void theProductionPolicyReproducesProductionsDecisionsExactly() {
    WhatIfReport report = whatIf("same", Optional.of(DefaultPolicy.load()), Optional.empty());

    assertThat(report.shadow().behaviourCopied()).isEqualTo(production.behaviour.size());
    assertThat(report.diff().emotion().compared()).isPositive();
    assertThat(report.diff().emotion().agreement()).isEqualTo(1.0);
    assertThat(report.diff().emotion().differences()).isZero();
    assertThat(report.diff().narrative().production().decisions()).isPositive();
    assertThat(report.diff().narrative().candidate())
        .isEqualTo(report.diff().narrative().production());
    assertThat(report.diff().narrative().decisionDifferences()).isZero();
    assertThat(report.diff().narrative().requestDifferences()).isZero();
    assertThat(report.diff().mostChanged()).isEmpty();
  }

  @Test
  void aLowerHintThresholdOffersExactlyTheHintsADirectReplayOffers() throws Exception {
    NarrativePolicy sooner = HintReplay.soonerHints();
    WhatIfReport report = whatIf("hints", Optional.of(sooner), Optional.empty());

    long replayed =
        HintReplay.hints(production, sooner, rangeFrom(), production.endMs, dir.resolve("ttd"));
    assertThat(report.diff().narrative().candidate().hints())
        .isGreaterThan(report.diff().narrative().production().hints())
        .isEqualTo(replayed);
    assertThat(report.diff().mostChanged()).isNotEmpty();
    assertThat(report.diff().mostChanged().get(0).story())
        .startsWith("./empath story --game g1 --session ");
    assertThat(report.diff().examples()).hasSize(3);
  }

  @Test
  void aModelThatIgnoresDeathsSeesLessFrustration() throws Exception {
    WhatIfReport report = whatIf("nodeaths", Optional.empty(), Optional.of(ignoringDeaths()));

    double before = report.diff().emotion().production().share("frustration");
    double after = report.diff().emotion().candidate().share("frustration");
    assertThat(before).isPositive();
    assertThat(after).isLessThan(before);
    assertThat(report.candidateModel()).isEqualTo("no-deaths-1");
    assertThat(report.diff().emotion().agreement()).isLessThan(1.0);
  }

  @Test
  void theHtmlReportDrawsEveryChartInChromiumWithoutAScriptError() throws Exception {
    WhatIfReport report =
        whatIf("both", Optional.of(HintReplay.soonerHints()), Optional.of(ignoringDeaths()));
    Path html = Path.of("target", "whatif-report.html");
    Files.writeString(html, HtmlReport.render(report));
    assertThat(Files.readString(html)).doesNotContain("cdn").doesNotContain("src=\"http");

    ReportBrowser.Rendered page = ReportBrowser.open(html, Path.of("target", "whatif-report.png"));
    // Phase share, emotion shares, confusion, and an emotion and a phase timeline per example.
    assertThat(page.charts()).hasSize(3 + 2 * report.diff().examples().size());
    assertThat(page.chartsWithCanvas()).containsExactlyElementsOf(page.charts());
    assertThat(page.log()).noneMatch(e -> e.getLevel().intValue() >= Level.SEVERE.intValue());
    // The picture of a report in the repository's docs, as the dashboard's tests keep theirs.
    Path docs = Path.of("..", "docs");
    if (Files.isDirectory(docs)) {
      Files.copy(
          Path.of("target", "whatif-report.png"),
          docs.resolve("whatif-report.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(JsonReport.render(report)).contains("\"agreement\"").contains("\"phaseTimeShare\"");
  }

  @Test
  void keepLeavesOnlyShadowTopicsAndGroupsAndASecondRunWithTheSameIdStartsOver() throws Exception {
    WhatIfRequest keep = request("kept", Optional.of(DefaultPolicy.load()), Optional.empty(), true);
    WhatIfReport first = WhatIf.run(production.config, keep, label -> Progress.silent());
    Shadow shadow = Shadow.of(production.config, "kept");
    assertThat(first.keptTopics()).isNotEmpty().allMatch(t -> t.startsWith("whatif.kept."));
    assertThat(groups())
        .containsAll(groupsBefore)
        .containsAll(Set.of(shadow.emotionAppId(), shadow.narrativeAppId()))
        .allMatch(g -> groupsBefore.contains(g) || g.startsWith("whatif.kept."));

    // The same id again (as after a crash): leftovers are deleted first, the figures are the same.
    WhatIfReport second = WhatIf.run(production.config, keep, label -> Progress.silent());
    assertThat(second.shadow().behaviourCopied()).isEqualTo(first.shadow().behaviourCopied());
    assertThat(second.diff().narrative()).isEqualTo(first.diff().narrative());

    new ShadowRun(production.config, kafka.adminClient(), shadow, l -> Progress.silent())
        .deleteLeftovers();
    assertThat(topics()).noneMatch(t -> t.startsWith("whatif.kept."));
  }

  private WhatIfReport whatIf(
      String id, Optional<NarrativePolicy> policy, Optional<EmotionModelDocument> model) {
    return WhatIf.run(
        production.config, request(id, policy, model, false), label -> Progress.silent());
  }

  private static WhatIfRequest request(
      String id,
      Optional<NarrativePolicy> policy,
      Optional<EmotionModelDocument> model,
      boolean keep) {
    return new WhatIfRequest(
        id,
        rangeFrom(),
        production.endMs,
        Duration.ofMinutes(30),
        Optional.of("g1"),
        policy,
        model,
        keep);
  }

  /** The range starts after the sessions do; the warm-up covers their beginnings. */
  private static long rangeFrom() {
    return production.startMs + 10_000;
  }

  /** The shipped model with every weight on the death rate set to zero. */
  static EmotionModelDocument ignoringDeaths() {
    EmotionModelDocument shipped =
        ModelDocuments.resource("/dev/empath/emotion/model/transparent-v1.json");
    TransparentModel t = shipped.getTransparent();
    return shipped.toBuilder()
        .setVersion("no-deaths-1")
        .setTransparent(
            t.toBuilder()
                .setArousal(withoutDeaths(t.getArousal()))
                .setValence(withoutDeaths(t.getValence())))
        .build();
  }

  private static LinearScore withoutDeaths(LinearScore score) {
    LinearScore.Builder b = score.toBuilder().clearTerms();
    for (WeightedInput term : score.getTermsList()) {
      b.addTerms(
          term.getInput().equals("death_rate") ? term.toBuilder().setWeight(0).build() : term);
    }
    return b.build();
  }

  private Map<TopicPartition, Long> productionEnds() throws Exception {
    Admin admin = kafka.adminClient();
    String prefix = production.config.topicPrefix();
    List<String> names = topics().stream().filter(t -> t.startsWith(prefix)).toList();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(names)
        .allTopicNames()
        .get()
        .forEach(
            (name, d) ->
                d.partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((tp, o) -> out.put(tp, o.offset()));
    assertThat(out).isNotEmpty();
    return out;
  }

  private static Set<String> topics() throws Exception {
    return kafka.adminClient().listTopics().names().get();
  }

  private static Set<String> groups() throws Exception {
    return kafka.adminClient().listGroups().all().get().stream()
        .map(GroupListing::groupId)
        .collect(Collectors.toSet());
  }
}
