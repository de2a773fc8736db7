package dev.empath.embedded;

import java.util.Objects;

final class ExternalKafka implements KafkaEndpoint {

  private final String bootstrapServers;

  ExternalKafka(String bootstrapServers) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    this.bootstrapServers = bootstrapServers.trim();
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public boolean external() {
    return true;
  }

  @Override
  public void close() {
    // Not ours to stop.
  }

  @Override
  public String toString() {
    return "ExternalKafka[" + bootstrapServers + "]";
  }
}
