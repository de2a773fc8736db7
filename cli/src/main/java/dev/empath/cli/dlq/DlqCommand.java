package dev.empath.cli.dlq;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The dead-letter topic: list, show, send back. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = {
      "Look at the dead-letter topic and send records back to where they came from.",
      "Reads stop at the end offsets taken when the command starts; progress goes to standard"
          + " error."
    },
    subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqRedriveCommand.class},
    footer = {
      "",
      "Examples:",
      "  ./empath dlq list --since -1h --component memory-projector",
      "  ./empath dlq show 1:42",
      "  ./empath dlq redrive 1:42 2:7",
      "  ./empath dlq redrive --since -1h --reason-contains confidence"
    })
public final class DlqCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
