package dev.empath.platform.app;

import dev.empath.platform.ops.OpsServer;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started service and its operations endpoint; closing stops the service, then the endpoint. */
public final class LaunchedService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LaunchedService.class);

  private final String name;
  private final RunningService service;
  private final Optional<OpsServer> ops;

  LaunchedService(String name, RunningService service, Optional<OpsServer> ops) {
    this.name = name;
    this.service = service;
    this.ops = ops;
  }

  public String name() {
    return name;
  }

  /** The service itself, for callers that know its kind (tests, the local stack). */
  public RunningService service() {
    return service;
  }

  /** The port of {@code /metrics} and {@code /health}, unless the endpoint is turned off. */
  public Optional<Integer> opsPort() {
    return ops.map(OpsServer::port);
  }

  /** True when every health check passes now. */
  public boolean healthy() {
    for (BooleanSupplier check : service.healthChecks().values()) {
      try {
        if (!check.getAsBoolean()) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  public Optional<String> failure() {
    return service.failure();
  }

  @Override
  public void close() {
    log.info("stopping {}", name);
    try {
      service.close();
    } finally {
      ops.ifPresent(OpsServer::close);
    }
  }
}
