package dev.empath.platform.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The child process of {@link ServiceLoggingIT}: a few lines through SLF4J, nothing else. */
public final class LogSample {
  private LogSample() {}

  public static void main(String[] args) {
    Logger service = LoggerFactory.getLogger("dev.empath.sample.Service");
    service.debug("debug detail");
    service.info("started {} with \"{}\"", "sample", "quotes");
    service.warn("a warning", new IllegalStateException("boom"));
    Logger kafka = LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient");
    kafka.info("kafka chatter");
    kafka.warn("kafka trouble");
  }
}
