package dev.empath.bench.projector;

/**
 * One timed pass over every record of the topics.
 *
 * @param cpuSeconds CPU used meanwhile by this JVM and Redis (see {@link CpuClock})
 * @param busiestRedisShare CPU seconds of the busiest Redis node per second of the pass (1.0 = one
 *     core all the time); 0 for legs without Redis
 */
record Run(long records, double seconds, double cpuSeconds, double busiestRedisShare) {

  Run(long records, double seconds, double cpuSeconds) {
    this(records, seconds, cpuSeconds, 0);
  }

  double rate() {
    return records / seconds;
  }

  double cpuMicrosPerRecord() {
    return cpuSeconds * 1e6 / records;
  }
}
