package dev.empath.platform.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread factories for background work, whose daemon threads never keep a JVM alive on their own: a
 * service stopped abruptly (the tests' kill -9) or a benchmark that is done exits.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Threads named {@code name}: for an executor of one thread. */
  public static ThreadFactory named(String name) {
    return task -> daemon(new Thread(task, name));
  }

  /** Threads named {@code name-1}, {@code name-2}, ...: for a pool. */
  public static ThreadFactory numbered(String name) {
    return numbered(name, 0);
  }

  /**
   * As {@link #numbered(String)}, each thread with a stack of {@code stackBytes} (0: the JVM's
   * default).
   */
  public static ThreadFactory numbered(String name, long stackBytes) {
    AtomicLong n = new AtomicLong();
    return task -> daemon(new Thread(null, task, name + "-" + n.incrementAndGet(), stackBytes));
  }

  private static Thread daemon(Thread t) {
    t.setDaemon(true);
    return t;
  }
}
