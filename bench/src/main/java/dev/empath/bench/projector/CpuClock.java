package dev.empath.bench.projector;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * CPU time spent by this JVM (the consumer, the projector and the in-process broker) plus the Redis
 * servers (one node, or every node of a cluster, replicas included). On a shared machine another
 * process's load changes how long a run takes far more than how much CPU it uses, so CPU per event
 * is the steadier measure of the work the code does.
 */
final class CpuClock {

  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<HostAndPort> nodes;

  CpuClock(List<HostAndPort> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** CPU seconds used so far by this JVM and by every Redis node. */
  double seconds() {
    double total = os.getProcessCpuTime() / 1e9;
    for (double node : nodeSeconds()) {
      total += node;
    }
    return total;
  }

  /** CPU seconds used so far by each Redis node, from its {@code INFO cpu}. */
  double[] nodeSeconds() {
    double[] out = new double[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      try (Jedis node = new Jedis(nodes.get(i).getHost(), nodes.get(i).getPort())) {
        for (String line : node.info("cpu").split("\r?\n")) {
          if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
            out[i] += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
          }
        }
      }
    }
    return out;
  }
}
