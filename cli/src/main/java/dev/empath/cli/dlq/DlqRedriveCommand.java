package dev.empath.cli.dlq;

import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.history.progress.Progress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sends dead letters back to their source topics, each at most once. */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Send dead letters back to their source topic and partition, with their original key and"
          + " value and a header "
          + "empath.dlq.redriven.from=<dlq topic>/<partition>/<offset>.",
      "Each dead letter is redriven at most once: the record and an entry in the redrive ledger"
          + " topic (empath.dlq.redrive.v1) are written in one Kafka transaction. Naming one that"
          + " was redriven already is refused; with filters, those are skipped."
    },
    footer = {
      "",
      "Examples:",
      "  ./empath dlq redrive 1:42 2:7",
      "  ./empath dlq redrive --since -1h --component stream-emotion"
    })
final class DlqRedriveCommand implements Callable<Integer> {

  @Mixin ToolOptions tool;
  @Mixin DlqFilterOptions select;

  @Parameters(
      paramLabel = "ID",
      arity = "0..*",
      description = "PARTITION:OFFSET of each dead letter to send back")
  List<String> ids = new ArrayList<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "with filters: at most N dead letters (default: all that match)")
  Integer limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (ids.isEmpty() == !select.any()) {
      throw new UserError("name dead letters (PARTITION:OFFSET ...) or choose them with filters");
    }
    if (limit != null && limit < 1) {
      throw new UserError("--limit must be >= 1: " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (DlqClients clients = new DlqClients(tool.config())) {
      List<DeadLetter> letters;
      if (ids.isEmpty()) {
        letters =
            clients.topic.list(
                select.filter(),
                limit == null ? Integer.MAX_VALUE : limit,
                Progress.onStderr("reading " + clients.topic.name(), 0));
      } else {
        int partitions = clients.topic.partitions();
        letters =
            clients.topic.read(ids.stream().map(i -> DeadLetterId.parse(i, partitions)).toList());
      }
      Redriver.Outcome outcome =
          clients.redriver().redrive(letters, clients.topic.name(), !ids.isEmpty());
      outcome.sent().forEach(line -> out.println("redriven " + line));
      outcome.skipped().forEach(line -> spec.commandLine().getErr().println("skipped: " + line));
      out.printf(
          "%d dead letters redriven, %d skipped%n",
          outcome.sent().size(), outcome.skipped().size());
    }
    out.flush();
    return 0;
  }
}
