package dev.empath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code empath} command. */
@Command(
    name = "empath",
    mixinStandardHelpOptions = true,
    version = "empath 0.1.0",
    description = "Empath Engine: the local stack, a demo and the telemetry simulator.",
    subcommands = {UpCommand.class, DemoCommand.class, SimulateCommand.class})
public final class EmpathCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmpathCli()).execute(args));
  }
}
