package dev.empath.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.bench.harness.ThreadCpu.Role;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void tellsKafkasThreadsByTheirNames() {
    assertThat(Role.of("kafka-producer-network-thread | app-StreamThread-1-producer"))
        .isEqualTo(Role.PRODUCER_IO);
    assertThat(Role.of("app-1234-StreamThread-1")).isEqualTo(Role.STREAM_THREAD);
    assertThat(Role.of("data-plane-kafka-request-handler-0")).isEqualTo(Role.BROKER_HANDLERS);
    assertThat(Role.of("data-plane-kafka-network-thread-1-ListenerName(PLAINTEXT)-PLAINTEXT-0"))
        .isEqualTo(Role.BROKER_NETWORK);
    assertThat(Role.of("main")).isEqualTo(Role.OTHER_JAVA);
  }

  @Test
  void chargesTheCpuOfABusyThreadToItsRole() {
    ThreadCpu.Snapshot before = ThreadCpu.snapshot();
    burnCpuMillis(50);

    Map<Role, Double> perEvent = before.perEvent(10);

    // This test's own thread is neither a Kafka nor a Streams thread: 50 ms over 10 events.
    assertThat(perEvent.get(Role.OTHER_JAVA)).isGreaterThanOrEqualTo(5_000.0);
    assertThat(perEvent).containsKey(Role.NOT_JAVA);
    assertThat(ThreadCpu.describe(perEvent)).contains("other Java threads");
  }

  private static void burnCpuMillis(long millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
    long x = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      x += Long.numberOfTrailingZeros(x + 1);
    }
    assertThat(x).isNotNegative();
  }
}
