package dev.empath.whatif.run;

import dev.empath.history.progress.Progress;
import dev.empath.history.time.TimeSpec;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.whatif.diff.CostEstimate;
import dev.empath.whatif.diff.SideReader;
import dev.empath.whatif.diff.SideRecords;
import dev.empath.whatif.diff.WhatIfDiff;
import dev.empath.whatif.report.WhatIfReport;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/** A what-if from start to end: the shadow run, the comparison, and the clean-up. */
public final class WhatIf {

  private WhatIf() {}

  /**
   * Runs {@code request} against the cluster {@code config} names.
   *
   * @param progress a progress for each long step, by label
   */
  public static WhatIfReport run(
      EmpathConfig config, WhatIfRequest request, Function<String, Progress> progress) {
    Shadow shadow = Shadow.of(config, request.runId());
    try (Admin admin = Admin.create(KafkaClientConfigs.common(config, shadow.prefix() + "admin"))) {
      ShadowRun run = new ShadowRun(config, admin, shadow, progress);
      try {
        ShadowRun.Result result = run.run(request);
        long t0 = System.nanoTime();
        SideReader reader = new SideReader(config, progress);
        SideRecords production =
            reader.read(shadow.production(), request.fromMs(), request.toMs(), request.game());
        SideRecords candidate =
            reader.read(shadow.catalog(), request.fromMs(), request.toMs(), request.game());
        List<EmotionLabel> labels =
            reader.labels(shadow.production(), request.fromMs(), request.toMs(), request.game());
        WhatIfDiff diff =
            WhatIfDiff.of(
                production,
                candidate,
                labels,
                request.fromMs(),
                request.toMs(),
                new CostEstimate(config));
        long diffMs = (System.nanoTime() - t0) / 1_000_000;
        List<String> kept =
            request.keep()
                ? new ShadowTopics(admin, shadow, java.util.Optional.empty())
                    .topicsOfRun().stream().sorted().toList()
                : List.of();
        return new WhatIfReport(
            request.runId(),
            TimeSpec.format(request.fromMs()),
            TimeSpec.format(request.toMs()),
            request.warmup().toMillis(),
            request.game().orElse(""),
            result.modelVersion(),
            result.policyVersion(),
            new WhatIfReport.Shadow(
                shadow.prefix(),
                result.behaviourCopied(),
                result.interactionsCopied(),
                result.policiesCopied(),
                result.copyMs(),
                result.emotionMs(),
                result.narrativeMs()),
            diff,
            diffMs,
            kept);
      } finally {
        if (!request.keep()) {
          run.deleteLeftovers();
        }
      }
    }
  }
}
