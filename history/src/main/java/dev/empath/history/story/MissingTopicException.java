package dev.empath.history.story;

/** A topic a story reads does not exist (a wrong topic prefix, or a cluster never provisioned). */
public final class MissingTopicException extends RuntimeException {

  public MissingTopicException(String message) {
    super(message);
  }
}
