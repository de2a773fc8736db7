package dev.empath.platform.app;

import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A built service: started once, closed once, asked for its health meanwhile. */
public interface RunningService extends AutoCloseable {

  void start();

  /** Named checks served on {@code /health}; all must pass for the service to be up. */
  Map<String, BooleanSupplier> healthChecks();

  /**
   * The error that stopped the service on its own, if one did: its process then exits non-zero so
   * that whatever supervises it restarts it.
   */
  default Optional<String> failure() {
    return Optional.empty();
  }

  /** Stops the service, finishing or aborting in-flight work cleanly. */
  @Override
  void close();
}
