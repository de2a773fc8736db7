package dev.empath.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/**
 * A command of {@code ./empath} run in-process, with what it printed.
 *
 * @param exit the exit code
 * @param out standard output
 * @param err standard error as picocli writes it (progress lines go to the process's stderr)
 */
public record CliRun(int exit, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = EmpathCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CliRun(
        exit,
        out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  /** {@code args} after the options every tool needs to find Kafka, Redis and the topics. */
  public static CliRun with(List<String> connection, String... args) {
    String[] all = new String[args.length + connection.size()];
    System.arraycopy(args, 0, all, 0, args.length);
    for (int i = 0; i < connection.size(); i++) {
      all[args.length + i] = connection.get(i);
    }
    return of(all);
  }

  public List<String> outLines() {
    return Arrays.asList(out.split("\n"));
  }
}
