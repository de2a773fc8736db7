package dev.empath.llm.provider;

import dev.empath.platform.threads.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a thread blocked in a provider call when the call's time is up. The JDK HTTP client's
 * {@code send} cancels its exchange when the waiting thread is interrupted, so this bounds a call
 * without a second thread per call.
 *
 * <p>{@link #cancel} must be called when the call ends, however it ends: afterwards the alarm has
 * either not fired and never will, or fired and its interrupt has been consumed — no interrupt
 * leaks into the caller's later work.
 */
final class CallAlarm implements Runnable {

  // One daemon thread serves every alarm: firing is only an interrupt, and most alarms are
  // cancelled long before they are due (removed from the queue at once, not left to expire).
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Thread caller;
  private ScheduledFuture<?> due;
  private boolean ended;
  private boolean fired;

  private CallAlarm(Thread caller) {
    this.caller = caller;
  }

  static CallAlarm set(Thread caller, Duration after) {
    CallAlarm alarm = new CallAlarm(caller);
    ScheduledFuture<?> due = TIMER.schedule(alarm, after.toNanos(), TimeUnit.NANOSECONDS);
    synchronized (alarm) {
      alarm.due = due;
    }
    return alarm;
  }

  @Override
  public synchronized void run() {
    if (!ended) {
      fired = true;
      caller.interrupt();
    }
  }

  /** Ends the alarm; true if it fired. Idempotent. */
  boolean cancel() {
    ScheduledFuture<?> toCancel;
    boolean wasFired;
    synchronized (this) {
      if (!ended) {
        ended = true;
        if (fired) {
          // The interrupt was delivered under this lock; clear it if send() did not consume it.
          Thread.interrupted();
        }
      }
      toCancel = due;
      wasFired = fired;
    }
    if (toCancel != null && !wasFired) {
      toCancel.cancel(false);
    }
    return wasFired;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("llm-call-alarm"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
