package dev.empath.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry could not be used: unreachable, refused a request, or configured wrongly. The
 * message names the registry's URL (without credentials) and, for a refusal, the HTTP status; it is
 * meant to be shown to the user as it is.
 */
public final class SchemaRegistryException extends SerializationException {

  private static final long serialVersionUID = 1L;

  public SchemaRegistryException(String message) {
    super(message);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
