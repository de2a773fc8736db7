package dev.empath.bench.projector;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import redis.clients.jedis.RedisClient;

/**
 * CPU time spent by this JVM (the consumer, the projector and the in-process broker) plus the Redis
 * server. On a shared machine another process's load changes how long a run takes far more than how
 * much CPU it uses, so CPU per event is the steadier measure of the work the code does.
 */
final class CpuClock {

  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final RedisClient redis;

  CpuClock(RedisClient redis) {
    this.redis = redis;
  }

  /** CPU seconds used so far by this JVM and by Redis. */
  double seconds() {
    return os.getProcessCpuTime() / 1e9 + redisSeconds();
  }

  /** CPU seconds used so far by the Redis server alone. */
  double redisSeconds() {
    double total = 0;
    for (String line : redis.info("cpu").split("\r?\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }
}
