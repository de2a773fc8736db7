package dev.empath.projector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.readmodel.write.InMemoryStore;
import dev.empath.readmodel.write.WriteOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoalescerTest {

  @Test
  void coalescedBatchesEqualOneByOneWhateverTheBatchBoundaries() {
    Random random = new Random(42);
    List<WriteOp> ops = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String key = "k" + random.nextInt(6);
      switch (random.nextInt(4)) {
        case 0 -> ops.add(new WriteOp.Put("s:" + key, "v" + i));
        case 1 -> {
          // As in the projector, a member always carries the same score (its timestamp).
          int member = random.nextInt(400);
          ops.add(new WriteOp.AddCapped("z:" + key, member % 50, "m" + member, 7));
        }
        case 2 ->
            // An index of last activity: the same member with scores in any order.
            ops.add(
                new WriteOp.Touch("t:" + key, random.nextInt(1_000), "s" + random.nextInt(30), 9));
        default ->
            ops.add(new WriteOp.Increment("h:" + key, "f" + random.nextInt(3), random.nextInt(5)));
      }
    }
    InMemoryStore oneByOne = new InMemoryStore();
    oneByOne.apply(ops);

    for (int batchSize : new int[] {1, 13, 250, 3_000}) {
      InMemoryStore coalesced = new InMemoryStore();
      for (int from = 0; from < ops.size(); from += batchSize) {
        coalesced.apply(
            expand(Coalescer.coalesce(ops.subList(from, Math.min(ops.size(), from + batchSize)))));
      }
      assertThat(coalesced.strings).as("batch %d", batchSize).isEqualTo(oneByOne.strings);
      assertThat(coalesced.sets).as("batch %d", batchSize).isEqualTo(oneByOne.sets);
      assertThat(coalesced.hashes).as("batch %d", batchSize).isEqualTo(oneByOne.hashes);
    }
  }

  @Test
  void keepsOnlyWritesThatMatter() {
    Coalescer.Coalesced c =
        Coalescer.coalesce(
            List.of(
                new WriteOp.Put("a", "1"),
                new WriteOp.Put("a", "2"),
                new WriteOp.AddCapped("z", 1, "x", 2),
                new WriteOp.AddCapped("z", 3, "y", 2),
                new WriteOp.AddCapped("z", 2, "w", 2),
                new WriteOp.Increment("h", "f", 2),
                new WriteOp.Increment("h", "f", 3)));
    assertThat(c.puts()).containsOnlyKeys("a").containsEntry("a", "2");
    assertThat(c.adds().get(0).members())
        .extracting(Coalescer.Member::member)
        .containsExactly("w", "y");
    assertThat(c.increments().get("h")).containsEntry("f", 5L);
  }

  private static List<WriteOp> expand(Coalescer.Coalesced c) {
    List<WriteOp> out = new ArrayList<>();
    c.puts().forEach((k, v) -> out.add(new WriteOp.Put(k, v)));
    for (Coalescer.CappedAdds z : c.adds()) {
      for (Coalescer.Member m : z.members()) {
        out.add(
            z.raiseOnly()
                ? new WriteOp.Touch(z.key(), m.score(), m.member(), z.cap())
                : new WriteOp.AddCapped(z.key(), m.score(), m.member(), z.cap()));
      }
    }
    c.increments()
        .forEach((k, f) -> f.forEach((field, d) -> out.add(new WriteOp.Increment(k, field, d))));
    return out;
  }
}
