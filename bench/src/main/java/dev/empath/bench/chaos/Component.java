package dev.empath.bench.chaos;

import java.time.Duration;

/** One process of the stack the harness can kill with SIGKILL and start again. */
interface Component extends AutoCloseable {

  String name();

  /** Starts the process and waits until it says it is ready; returns how long that took. */
  Duration start() throws Exception;

  /** SIGKILL to the real pid: nothing is flushed, no shutdown hook runs. */
  void kill() throws Exception;

  boolean isAlive();

  /** The pid of the running process, -1 when none runs. */
  long pid();

  /** Stops it cleanly (SIGTERM), if it runs. */
  @Override
  void close();
}
