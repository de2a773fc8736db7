package dev.empath.bench.harness;

import picocli.CommandLine;

/**
 * A benchmark's command line, read by picocli into its options object (a {@code @Command} with
 * {@code @Option} fields). {@code --help} prints the usage and ends the program; a bad argument
 * prints one line saying what is wrong, then the usage, and ends it with status 2.
 */
public final class BenchArgs {

  private BenchArgs() {}

  public static <T> T parse(T options, String[] args) {
    CommandLine line = new CommandLine(options);
    try {
      line.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println(e.getMessage());
      line.usage(System.err);
      System.exit(2);
    }
    if (line.isUsageHelpRequested()) {
      line.usage(System.out);
      System.exit(0);
    }
    return options;
  }
}
