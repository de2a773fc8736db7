package dev.empath.projector.store;

import dev.empath.readmodel.write.WriteOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shrinks one atomic batch to the writes that decide its outcome, so Redis does less work per
 * event: the last SET of a key wins; adds to a capped sorted set keep only the members that can
 * survive the cap; increments of a field are summed. The result equals applying the operations one
 * by one, whatever the batch boundaries, which keeps a projection and a rebuild byte-identical.
 *
 * <p>Trimming new members early relies on a member always carrying the same score, which holds for
 * every projected set of adds: members embed the event's id and timestamp, and the score is that
 * timestamp. An index raised with ZADD GT ({@link WriteOp.Touch}) keeps each member's highest score
 * of the batch, the only one that can count.
 */
public final class Coalescer {

  private Coalescer() {}

  /**
   * A capped sorted set's adds of one batch.
   *
   * @param raiseOnly ZADD GT: a member's score only rises ({@link WriteOp.Touch})
   */
  public record CappedAdds(String key, int cap, List<Member> members, boolean raiseOnly) {}

  /** One member with its score. */
  public record Member(double score, String member) {}

  /** The coalesced batch: strings, capped adds and summed increments. */
  public record Coalesced(
      Map<String, String> puts, List<CappedAdds> adds, Map<String, Map<String, Long>> increments) {}

  // Redis orders equal scores by the members' bytes.
  private static final Comparator<Member> REDIS_ORDER =
      Comparator.comparingDouble(Member::score)
          .thenComparing(
              (a, b) ->
                  a.member().equals(b.member())
                      ? 0
                      : Arrays.compareUnsigned(
                          a.member().getBytes(StandardCharsets.UTF_8),
                          b.member().getBytes(StandardCharsets.UTF_8)));

  public static Coalesced coalesce(List<WriteOp> ops) {
    Map<String, String> puts = new LinkedHashMap<>();
    Map<String, List<Member>> zsets = new LinkedHashMap<>();
    Map<String, Integer> caps = new LinkedHashMap<>();
    Map<String, Map<String, Long>> increments = new LinkedHashMap<>();
    // Per raised index, each member's highest score: all that ZADD GT keeps of a batch.
    Map<String, Map<String, Double>> raised = new LinkedHashMap<>();
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Put p) {
        puts.put(p.key(), p.value());
      } else if (op instanceof WriteOp.AddCapped z) {
        zsets
            .computeIfAbsent(z.key(), k -> new ArrayList<>())
            .add(new Member(z.score(), z.member()));
        caps.merge(z.key(), z.cap(), Math::min);
      } else if (op instanceof WriteOp.Touch t) {
        raised
            .computeIfAbsent(t.key(), k -> new LinkedHashMap<>())
            .merge(t.member(), t.score(), Math::max);
        caps.merge(t.key(), t.cap(), Math::min);
      } else if (op instanceof WriteOp.Increment i) {
        increments
            .computeIfAbsent(i.key(), k -> new LinkedHashMap<>())
            .merge(i.field(), i.delta(), Long::sum);
      }
    }
    List<CappedAdds> adds = new ArrayList<>(zsets.size());
    for (Map.Entry<String, List<Member>> e : zsets.entrySet()) {
      int cap = caps.get(e.getKey());
      List<Member> list = e.getValue();
      if (list.size() > cap) {
        list = highestDistinct(list, cap);
      }
      adds.add(new CappedAdds(e.getKey(), cap, list, false));
    }
    for (Map.Entry<String, Map<String, Double>> e : raised.entrySet()) {
      int cap = caps.get(e.getKey());
      List<Member> list = new ArrayList<>(e.getValue().size());
      e.getValue().forEach((member, score) -> list.add(new Member(score, member)));
      adds.add(
          new CappedAdds(
              e.getKey(), cap, list.size() > cap ? highestDistinct(list, cap) : list, true));
    }
    return new Coalesced(puts, adds, increments);
  }

  /**
   * The {@code cap} highest distinct members: the only new members that can survive trimming to the
   * cap. (Below the cap nothing is dropped, so nothing needs this.) Equal members carry equal
   * scores, so once sorted they sit side by side and are found without hashing the members, which
   * are long JSON strings.
   */
  private static List<Member> highestDistinct(List<Member> members, int cap) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(REDIS_ORDER);
    List<Member> kept = new ArrayList<>(cap);
    Member previous = null;
    for (int i = sorted.size() - 1; i >= 0 && kept.size() < cap; i--) {
      Member m = sorted.get(i);
      if (previous == null || !sameMember(m, previous)) {
        kept.add(m);
      }
      previous = m;
    }
    Collections.reverse(kept); // ascending, as Redis orders them
    return kept;
  }

  private static boolean sameMember(Member a, Member b) {
    return a.score() == b.score() && a.member().equals(b.member());
  }
}
