package dev.empath.bench.projector;

/**
 * One timed pass over every record of the topics.
 *
 * @param cpuSeconds CPU used meanwhile by this JVM and Redis (see {@link CpuClock})
 */
record Run(long records, double seconds, double cpuSeconds) {

  double rate() {
    return records / seconds;
  }

  double cpuMicrosPerRecord() {
    return cpuSeconds * 1e6 / records;
  }
}
