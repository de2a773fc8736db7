package dev.empath.cli.dlq;

import dev.empath.cli.tool.ToolOptions;
import dev.empath.history.progress.Progress;
import dev.empath.history.time.TimeSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One line per dead letter. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "List dead letters, oldest first per partition: id (PARTITION:OFFSET), when, which"
          + " application rejected it, where it came from, why; 'redriven' when it was sent back.",
    },
    footer = {
      "",
      "Examples:",
      "  ./empath dlq list",
      "  ./empath dlq list --since 2026-12-02T10:00:00Z --component stream-emotion --limit 20",
      "  ./empath dlq list --reason-contains timestamp_ms"
    })
final class DlqListCommand implements Callable<Integer> {

  static final int REASON_SHOWN = 120;

  @Mixin ToolOptions tool;
  @Mixin DlqFilterOptions select;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "at most N dead letters (default ${DEFAULT-VALUE})")
  int limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new dev.empath.cli.tool.UserError("--limit must be >= 1: " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (DlqClients clients = new DlqClients(tool.config())) {
      List<DeadLetter> letters =
          clients.topic.list(
              select.filter(), limit, Progress.onStderr("reading " + clients.topic.name(), 0));
      RedriveLedger ledger = clients.ledger();
      out.printf("%-8s %-24s %-22s %-34s %s%n", "ID", "FAILED AT", "COMPONENT", "SOURCE", "REASON");
      for (DeadLetter letter : letters) {
        out.printf(
            "%-8s %-24s %-22s %-34s %s%s%n",
            letter.id(),
            TimeSpec.format(letter.failedAtMs()),
            letter.info().getComponent(),
            letter.source(),
            shorten(errorName(letter) + ": " + letter.info().getReason()),
            ledger.redriven(letter.id()) ? " [redriven]" : "");
      }
      out.flush();
      spec.commandLine()
          .getErr()
          .printf(
              "%d dead letters%s%n",
              letters.size(), letters.size() == limit ? " (the limit; --limit shows more)" : "");
    }
    return 0;
  }

  static String errorName(DeadLetter letter) {
    String name = letter.info().getErrorClass();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String shorten(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= REASON_SHOWN ? oneLine : oneLine.substring(0, REASON_SHOWN) + "...";
  }
}
