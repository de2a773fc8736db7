package dev.empath.cli;

import org.slf4j.LoggerFactory;
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
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, with failures reported in one line naming the command: most are a user's
   * setting (a port in use, a bad value), for which a stack trace says nothing more.
   */
  static CommandLine commandLine() {
    return new CommandLine(new EmpathCli())
        .setExecutionExceptionHandler(
            (e, command, parsed) -> {
              command.getErr().println("empath " + command.getCommandName() + ": " + message(e));
              LoggerFactory.getLogger(EmpathCli.class).debug("command failed", e);
              return 1;
            });
  }

  private static String message(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(m) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(m);
      }
    }
    return text.toString();
  }
}
