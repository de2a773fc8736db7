package dev.empath.cli.dlq;

import dev.empath.cli.tool.TimeConverter;
import picocli.CommandLine.Option;

/** Options choosing dead letters, shared by list and redrive. */
final class DlqFilterOptions {

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "dead-lettered at or after TIME (epoch ms, ISO-8601, -2h, now)")
  Long since;

  @Option(
      names = "--component",
      paramLabel = "NAME",
      description = "rejected by this application (memory-projector, stream-emotion, ...)")
  String component;

  @Option(
      names = "--reason-contains",
      paramLabel = "TEXT",
      description = "the reason contains TEXT, ignoring case")
  String reasonContains;

  boolean any() {
    return since != null || component != null || reasonContains != null;
  }

  DeadLetterFilter filter() {
    return new DeadLetterFilter(since == null ? Long.MIN_VALUE : since, component, reasonContains);
  }
}
