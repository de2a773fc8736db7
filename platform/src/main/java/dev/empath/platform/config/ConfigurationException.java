package dev.empath.platform.config;

/**
 * A user's configuration mistake (a bad value, a missing key, an unreadable file), described in one
 * line that names the key, the value and where it was set. Callers print the message, not a trace.
 */
public final class ConfigurationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
