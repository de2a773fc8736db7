package dev.empath.cli.dlq;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which dead letters a command is about.
 *
 * @param sinceMs dead-lettered at or after; {@link Long#MIN_VALUE} for all
 * @param component the application that rejected them (a Streams processor's letters count for its
 *     application: {@code stream-emotion} matches {@code stream-emotion/KSTREAM-...}); null for any
 * @param reasonContains text the reason contains, ignoring case; null for any
 */
public record DeadLetterFilter(long sinceMs, String component, String reasonContains)
    implements Predicate<DeadLetter> {

  @Override
  public boolean test(DeadLetter letter) {
    if (letter.failedAtMs() < sinceMs) {
      return false;
    }
    String by = letter.info().getComponent();
    if (component != null && !(by.equals(component) || by.startsWith(component + "/"))) {
      return false;
    }
    return reasonContains == null
        || letter
            .info()
            .getReason()
            .toLowerCase(Locale.ROOT)
            .contains(reasonContains.toLowerCase(Locale.ROOT));
  }
}
