package dev.empath.projector.loop;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * Whether the loop should go on: {@link #stop()} lets it finish its step, {@link #halt()} throws it
 * out at its next check. Both may be called from any thread; they wake a blocked poll.
 */
final class LoopControl {

  private final Consumer<byte[], byte[]> consumer;
  private volatile boolean running = true;
  private volatile boolean halted;

  LoopControl(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  boolean running() {
    return running;
  }

  boolean halted() {
    return halted;
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }

  void halt() {
    halted = true;
    consumer.wakeup();
  }

  /** Throws {@link ProjectorHalted} once {@link #halt()} was called. */
  void checkHalt() {
    if (halted) {
      throw new ProjectorHalted();
    }
  }

  /** Waits between attempts; an interrupt ends the loop after its current step. */
  void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
