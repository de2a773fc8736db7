package dev.empath.bench.harness;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for a benchmark's options: {@code @Mixin HelpOption help;}. */
public final class HelpOption {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
