package dev.empath.cli;

import dev.empath.cli.dlq.DlqCommand;
import dev.empath.cli.promote.PromoteCommand;
import dev.empath.cli.rebuild.RebuildCommand;
import dev.empath.cli.state.StateCommand;
import dev.empath.cli.story.StoryCommand;
import dev.empath.cli.tool.UserError;
import dev.empath.cli.train.TrainCommand;
import dev.empath.cli.whatif.WhatIfCommand;
import dev.empath.history.scan.BeyondRetentionException;
import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.topics.TopicMismatchException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code empath} command. */
@Command(
    name = "empath",
    mixinStandardHelpOptions = true,
    version = "empath 0.1.0",
    description =
        "Empath Engine: the local stack, a demo, the telemetry simulator and the tools that look"
            + " back at the topics.",
    subcommands = {
      UpCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      StoryCommand.class,
      RebuildCommand.class,
      DlqCommand.class,
      StateCommand.class,
      WhatIfCommand.class,
      PromoteCommand.class,
      TrainCommand.class
    })
public final class EmpathCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, with failures reported in one line naming the command: most are a user's
   * setting (a port in use, a bad value), for which a stack trace says nothing more. Tests run
   * commands through it in-process.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new EmpathCli())
        .setExecutionExceptionHandler(
            (e, command, parsed) -> {
              command.getErr().println("empath " + command.getCommandName() + ": " + message(e));
              LoggerFactory.getLogger(EmpathCli.class).debug("command failed", e);
              return isUsersMistake(e) ? USAGE : 1;
            });
  }

  /** Exit code of a command the user asked for wrongly (picocli's own for bad options). */
  public static final int USAGE = 2;

  private static boolean isUsersMistake(Throwable e) {
    return e instanceof UserError
        || e instanceof BeyondRetentionException
        || e instanceof ConfigurationException
        || e instanceof TopicMismatchException;
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
