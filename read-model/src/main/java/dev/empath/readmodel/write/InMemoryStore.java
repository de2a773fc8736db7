package dev.empath.readmodel.write;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The Redis operations of a projection applied to memory: strings, capped sorted sets, counters. It
 * is the reference model the projector's tests compare Redis with, and the store {@code ./empath
 * state --at} folds the topics into, so both see exactly what Redis would hold.
 */
public final class InMemoryStore {

  /** A sorted-set member, ordered as Redis orders them: by score, then by member. */
  public record Scored(double score, String member) implements Comparable<Scored> {
    @Override
    public int compareTo(Scored o) {
      int c = Double.compare(score, o.score);
      return c != 0 ? c : member.compareTo(o.member);
    }
  }

  public final Map<String, String> strings = new HashMap<>();
  public final Map<String, NavigableSet<Scored>> sets = new HashMap<>();
  public final Map<String, Map<String, Long>> hashes = new HashMap<>();

  // Score of each member per set: replacing a member's score without scanning the set.
  private final Map<String, Map<String, Double>> scores = new HashMap<>();

  public void apply(List<WriteOp> ops) {
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Put p) {
        strings.put(p.key(), p.value());
      } else if (op instanceof WriteOp.AddCapped z) {
        addCapped(z.key(), z.score(), z.member(), z.cap());
      } else if (op instanceof WriteOp.Touch t) {
        Double before = scores.getOrDefault(t.key(), Map.of()).get(t.member());
        if (before == null || t.score() > before) {
          addCapped(t.key(), t.score(), t.member(), t.cap());
        }
      } else if (op instanceof WriteOp.Increment i) {
        hashes
            .computeIfAbsent(i.key(), k -> new HashMap<>())
            .merge(i.field(), i.delta(), Long::sum);
      }
    }
  }

  /** The members of a sorted set, lowest score first; empty when there is none. */
  public NavigableSet<Scored> set(String key) {
    NavigableSet<Scored> set = sets.get(key);
    return set == null ? new TreeSet<>() : set;
  }

  private void addCapped(String key, double score, String member, int cap) {
    NavigableSet<Scored> set = sets.computeIfAbsent(key, k -> new TreeSet<>());
    Map<String, Double> index = scores.computeIfAbsent(key, k -> new HashMap<>());
    Double before = index.put(member, score);
    if (before != null) {
      set.remove(new Scored(before, member));
    }
    set.add(new Scored(score, member));
    while (set.size() > cap) {
      index.remove(set.pollFirst().member());
    }
  }
}
