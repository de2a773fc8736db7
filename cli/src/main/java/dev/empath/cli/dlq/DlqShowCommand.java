package dev.empath.cli.dlq;

import dev.empath.cli.tool.ToolOptions;
import dev.empath.history.time.TimeSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Everything about one dead letter. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show one dead letter: its headers, the reason, the key, and the value decoded with the"
          + " source topic's contract serde (or why it does not decode)."
    },
    footer = {"", "Example:", "  ./empath dlq show 1:42"})
final class DlqShowCommand implements Callable<Integer> {

  @Mixin ToolOptions tool;

  @Parameters(
      paramLabel = "ID",
      description = "PARTITION:OFFSET as dlq list prints it (OFFSET alone for one partition)")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (DlqClients clients = new DlqClients(tool.config())) {
      DeadLetter letter = clients.topic.read(DeadLetterId.parse(id, clients.topic.partitions()));
      RedriveLedger ledger = clients.ledger();
      row(out, "dead letter", letter.id() + " of " + clients.topic.name());
      row(out, "failed at", TimeSpec.format(letter.failedAtMs()));
      row(out, "component", letter.info().getComponent());
      row(out, "source", letter.source());
      row(out, "error", letter.info().getErrorClass());
      row(out, "reason", letter.info().getReason());
      row(out, "redriven", ledger.describe(letter.id()).map(d -> "yes " + d).orElse("no"));
      letter.redrivenFrom().ifPresent(from -> row(out, "failed again", "redriven from " + from));
      for (Header h : letter.raw().headers()) {
        row(out, "header", h.key() + "=" + text(h.value()));
      }
      row(out, "key", letter.raw().key() == null ? "(none)" : text(letter.raw().key()));
      row(out, "value", clients.payloads.describe(letter));
    }
    out.flush();
    return 0;
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf("%-13s %s%n", name, value);
  }

  /** UTF-8 when it is printable text, else hex. */
  private static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    boolean printable = s.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
    return printable ? s : "0x" + HexFormat.of().formatHex(bytes);
  }
}
