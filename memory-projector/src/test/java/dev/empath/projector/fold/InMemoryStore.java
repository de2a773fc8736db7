package dev.empath.projector.fold;

import dev.empath.readmodel.write.WriteOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A reference model of the Redis operations the projector uses: strings, capped sets, counters. */
public final class InMemoryStore {

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

  public void apply(List<WriteOp> ops) {
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Put p) {
        strings.put(p.key(), p.value());
      } else if (op instanceof WriteOp.AddCapped z) {
        NavigableSet<Scored> set = sets.computeIfAbsent(z.key(), k -> new TreeSet<>());
        set.removeIf(s -> s.member().equals(z.member()));
        set.add(new Scored(z.score(), z.member()));
        while (set.size() > z.cap()) {
          set.pollFirst();
        }
      } else if (op instanceof WriteOp.Increment i) {
        hashes
            .computeIfAbsent(i.key(), k -> new HashMap<>())
            .merge(i.field(), i.delta(), Long::sum);
      }
    }
  }
}
