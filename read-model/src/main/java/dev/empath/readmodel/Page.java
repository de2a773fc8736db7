package dev.empath.readmodel;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list that can grow.
 *
 * @param items the entries of this page
 * @param nextCursor present when there may be more entries: pass it back to get the next page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = List.copyOf(items);
  }
}
