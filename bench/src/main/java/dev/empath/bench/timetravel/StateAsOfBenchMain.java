package dev.empath.bench.timetravel;

import dev.empath.bench.harness.BenchReport;

/**
 * Runs the state and asOf sections of bench/timetravel on their own, until the shared {@code
 * TimeTravelBenchmark} calls them. Arguments: [records=1000000] [seconds=6] [connections=16].
 */
public final class StateAsOfBenchMain {

  private StateAsOfBenchMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 6;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    BenchReport report = BenchReport.stdout();
    StateFoldBench.run(report, records, 3);
    if (args.length < 4 || !args[3].equals("state-only")) {
      AsOfBench.run(report, 1_000, seconds, connections);
    }
  }
}
