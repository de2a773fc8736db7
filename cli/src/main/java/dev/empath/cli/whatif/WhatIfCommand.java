package dev.empath.cli.whatif;

import dev.empath.cli.tool.Candidates;
import dev.empath.cli.tool.TimeConverter;
import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.history.progress.Progress;
import dev.empath.history.time.TimeSpec;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.whatif.report.HtmlReport;
import dev.empath.whatif.report.JsonReport;
import dev.empath.whatif.report.TerminalSummary;
import dev.empath.whatif.report.WhatIfReport;
import dev.empath.whatif.run.WhatIf;
import dev.empath.whatif.run.WhatIfRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./empath whatif}: a candidate model or policy over history, compared with production. */
@Command(
    name = "whatif",
    mixinStandardHelpOptions = true,
    description = {
      "Run the production topologies with a candidate narrative policy and/or emotion model over"
          + " the behaviour of a past range, in shadow topics (whatif.<run-id>.*) with their own"
          + " application ids and state, and compare with what production decided for the same"
          + " events.",
      "Never writes to production topics, keyspaces or consumer groups. Shadow topics and groups"
          + " are deleted at the end unless --keep. Restartable: after a crash, run again with the"
          + " same --run-id; what the earlier run left is deleted first and the run starts over."
    })
public final class WhatIfCommand implements Callable<Integer> {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Mixin ToolOptions tool;

  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "start of the range judged: " + TimeSpec.ACCEPTED)
  long from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "end of the range judged")
  long to;

  @Option(names = "--game", paramLabel = "GAME", description = "one game (default: all games)")
  String game;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "candidate narrative policy (JSON, as for publish-policy); with --game it is the"
              + " policy of that game. Without it, production's accepted policies decide")
  Path policy;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "candidate emotion model document (JSON: transparent like transparent-v1.json, or"
              + " onnx). Without it, the configured model (empath.emotion.model.file, else the"
              + " shipped one) predicts")
  Path model;

  @Option(
      names = "--warmup",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description =
          "behaviour replayed before --from to build state; only [--from, --to] is judged"
              + " (default: ${DEFAULT-VALUE}; e.g. 2h, 1h30m, 0)")
  String warmup;

  @Option(names = "--keep", description = "keep the shadow topics and groups for inspection")
  boolean keep;

  @Option(names = "--json", description = "print every figure as JSON instead of the summary")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "also write a self-contained HTML report with charts")
  Path html;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "names the shadow topics, groups and state (default: the start time)")
  String runId;

  @Override
  public Integer call() throws IOException {
    if (policy == null && model == null) {
      throw new UserError("give a candidate: --policy FILE, --model FILE or both");
    }
    Optional<NarrativePolicy> candidatePolicy = Optional.ofNullable(policy).map(Candidates::policy);
    Optional<EmotionModelDocument> candidateModel =
        Optional.ofNullable(model).map(Candidates::model);
    WhatIfRequest request = request(candidatePolicy, candidateModel);
    EmpathConfig config = tool.config();
    WhatIfReport report = WhatIf.run(config, request, label -> Progress.onStderr(label, 0));
    if (html != null) {
      Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
      System.err.println("report written to " + html);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? JsonReport.render(report) + "\n" : TerminalSummary.render(report));
    out.flush();
    return 0;
  }

  private WhatIfRequest request(
      Optional<NarrativePolicy> candidatePolicy, Optional<EmotionModelDocument> candidateModel) {
    Duration warm;
    try {
      warm = TimeSpec.parseDuration(warmup);
    } catch (IllegalArgumentException e) {
      throw new UserError("--warmup: " + e.getMessage());
    }
    String id = runId != null ? runId : RUN_ID.format(java.time.Instant.now());
    try {
      return new WhatIfRequest(
          id, from, to, warm, Optional.ofNullable(game), candidatePolicy, candidateModel, keep);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
