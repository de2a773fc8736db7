package dev.empath.llm.provider;

/**
 * Time the current thread spent waiting on providers — their HTTP exchanges and the pauses between
 * retries their answers asked for — since it last {@linkplain #take() took} the figure. A request's
 * whole latency minus this is what the worker itself added: the figure LLM gateways report as their
 * overhead. A request runs from start to end on one thread, so a thread-local is exact here.
 */
public final class ProviderWait {

  private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);

  private ProviderWait() {}

  /** Adds a wait of {@code nanos} to this thread's account. */
  public static void add(long nanos) {
    NANOS.get()[0] += nanos;
  }

  /** The time accumulated on this thread since the last call; starts the account again at zero. */
  public static long take() {
    long[] account = NANOS.get();
    long nanos = account[0];
    account[0] = 0;
    return nanos;
  }
}
