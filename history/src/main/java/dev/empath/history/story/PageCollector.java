package dev.empath.history.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Keeps the first {@code limit} entries in story order out of entries offered in any order, in
 * memory bounded by the limit (plus one, to know whether more follow).
 */
final class PageCollector {

  private final int limit;
  // Largest kept entry on top, so it is the one dropped when a smaller one arrives.
  private final PriorityQueue<StoryEntry> kept =
      new PriorityQueue<>(Comparator.comparing(StoryEntry::position).reversed());
  private long matched;
  private long ofGame;

  PageCollector(int limit) {
    this.limit = limit;
  }

  void offer(StoryRecords.Found found) {
    StoryEntry entry = found.entry();
    matched++;
    if (found.ofGame()) {
      ofGame++;
    }
    if (kept.size() <= limit) {
      kept.add(entry);
    } else if (entry.position().compareTo(kept.peek().position()) < 0) {
      kept.poll();
      kept.add(entry);
    }
  }

  /**
   * @param gameKnown the game's session is known already (a later page of its story); else records
   *     that do not name a game are shown only beside some that name this one
   */
  StoryPage page(long recordsRead, boolean gameKnown) {
    if (!gameKnown && ofGame == 0) {
      return new StoryPage(List.of(), 0, Optional.empty(), recordsRead);
    }
    List<StoryEntry> sorted = new ArrayList<>(kept);
    sorted.sort(Comparator.comparing(StoryEntry::position));
    boolean more = sorted.size() > limit;
    List<StoryEntry> entries = more ? sorted.subList(0, limit) : sorted;
    Optional<StoryPosition> next =
        more ? Optional.of(entries.get(entries.size() - 1).position()) : Optional.empty();
    return new StoryPage(entries, matched, next, recordsRead);
  }
}
