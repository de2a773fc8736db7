package dev.empath.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * This JVM's CPU time by the role of its threads, for benchmarks that host the Kafka broker and the
 * clients in one process: which part of the work grows when a topology sends more or larger
 * records. Take a {@link #snapshot()} when a measurement window opens and call {@link
 * Snapshot#perEvent} when it closes.
 */
public final class ThreadCpu {

  /** What a thread does, told by the names Kafka gives its threads. */
  public enum Role {
    STREAM_THREAD("stream threads"),
    PRODUCER_IO("producer I/O threads"),
    BROKER_HANDLERS("broker request handlers"),
    BROKER_NETWORK("broker network threads"),
    OTHER_JAVA("other Java threads"),
    NOT_JAVA("not Java threads (GC, JIT, RocksDB)");

    private final String label;

    Role(String label) {
      this.label = label;
    }

    static Role of(String threadName) {
      if (threadName.startsWith("kafka-producer-network-thread")) {
        return PRODUCER_IO;
      }
      if (threadName.contains("-StreamThread-")) {
        return STREAM_THREAD;
      }
      if (threadName.contains("kafka-request-handler")) {
        return BROKER_HANDLERS;
      }
      if (threadName.contains("kafka-network-thread")) {
        return BROKER_NETWORK;
      }
      return OTHER_JAVA;
    }
  }

  private ThreadCpu() {}

  /** CPU time so far of every live thread, by thread id, and of the whole process. */
  public static Snapshot snapshot() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> byThread = new HashMap<>();
    Map<Long, Role> roles = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = threads.getThreadCpuTime(t.getId());
      if (cpu >= 0) {
        byThread.put(t.getId(), cpu);
        roles.put(t.getId(), Role.of(t.getName()));
      }
    }
    return new Snapshot(byThread, roles, processCpuNanos());
  }

  /** CPU time this process has used so far, every thread and the JVM's own work included. */
  public static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU times at one moment. */
  public record Snapshot(Map<Long, Long> byThread, Map<Long, Role> roles, long processNanos) {

    /**
     * Microseconds of CPU per event by role since this snapshot. A thread born since counts from
     * zero; a thread that ended since is counted under {@link Role#NOT_JAVA}, the rest of the
     * process's time.
     */
    public Map<Role, Double> perEvent(double events) {
      Snapshot now = snapshot();
      Map<Role, Long> nanos = new EnumMap<>(Role.class);
      long javaNanos = 0;
      for (Map.Entry<Long, Long> t : now.byThread.entrySet()) {
        long spent = t.getValue() - byThread.getOrDefault(t.getKey(), 0L);
        nanos.merge(now.roles.get(t.getKey()), spent, Long::sum);
        javaNanos += spent;
      }
      nanos.put(Role.NOT_JAVA, now.processNanos - processNanos - javaNanos);
      Map<Role, Double> micros = new EnumMap<>(Role.class);
      nanos.forEach((role, n) -> micros.put(role, n / 1e3 / events));
      return micros;
    }
  }

  /** "stream threads 2.89, producer I/O threads 0.69, …" (µs per event). */
  public static String describe(Map<Role, Double> perEvent) {
    return perEvent.entrySet().stream()
        .map(e -> String.format("%s %.2f", e.getKey().label, e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
