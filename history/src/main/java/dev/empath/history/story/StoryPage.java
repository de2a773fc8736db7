package dev.empath.history.story;

import java.util.List;
import java.util.Optional;

/**
 * The entries of a story read, in time order.
 *
 * @param entries at most the request's limit
 * @param matched entries of the session in the range (after the cursor, if one was given),
 *     including those beyond the limit
 * @param next where the next page starts (pass as {@link StoryRequest#after()}); empty when this
 *     page holds the last entry
 * @param recordsRead records read from the session's partitions to tell it
 */
public record StoryPage(
    List<StoryEntry> entries, long matched, Optional<StoryPosition> next, long recordsRead) {

  public StoryPage {
    entries = List.copyOf(entries);
  }
}
