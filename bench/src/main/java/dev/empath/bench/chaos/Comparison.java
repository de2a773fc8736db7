package dev.empath.bench.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A topic against what a clean run wrote to it, key by key: records missing (lost), records there
 * more often than in the clean run (duplicated), and keys whose records are all there but in
 * another order.
 */
record Comparison(
    String topic,
    long expected,
    long actual,
    long lost,
    long duplicated,
    long reorderedKeys,
    List<String> examples) {

  boolean equal() {
    return lost == 0 && duplicated == 0 && reorderedKeys == 0;
  }

  /** A record's value bytes, compared by content. */
  record Value(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Value v && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  /**
   * @param expected key → values in the order the clean run wrote them
   * @param actual key → values in the order the topic holds them
   */
  static Comparison of(
      String topic, Map<String, List<Value>> expected, Map<String, List<Value>> actual) {
    long lost = 0;
    long duplicated = 0;
    long reordered = 0;
    long expectedCount = 0;
    long actualCount = 0;
    List<String> examples = new ArrayList<>();
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      List<Value> want = expected.getOrDefault(key, List.of());
      List<Value> got = actual.getOrDefault(key, List.of());
      expectedCount += want.size();
      actualCount += got.size();
      if (want.equals(got)) {
        continue;
      }
      Map<Value, Integer> balance = new HashMap<>();
      want.forEach(v -> balance.merge(v, 1, Integer::sum));
      got.forEach(v -> balance.merge(v, -1, Integer::sum));
      long missing = balance.values().stream().filter(n -> n > 0).mapToLong(n -> n).sum();
      long extra = balance.values().stream().filter(n -> n < 0).mapToLong(n -> -n).sum();
      lost += missing;
      duplicated += extra;
      if (missing == 0 && extra == 0) {
        reordered++;
      }
      if (examples.size() < 5) {
        examples.add(
            key
                + ": "
                + want.size()
                + " expected, "
                + got.size()
                + " found, "
                + missing
                + " missing, "
                + extra
                + " extra");
      }
    }
    return new Comparison(
        topic, expectedCount, actualCount, lost, duplicated, reordered, List.copyOf(examples));
  }

  /** Groups values by key (UTF-8), keeping the order they are given in. */
  static Map<String, List<Value>> byKey(Iterable<? extends KeyedValue> records) {
    Map<String, List<Value>> out = new LinkedHashMap<>();
    for (KeyedValue r : records) {
      out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(new Value(r.value()));
    }
    return out;
  }

  /** A record reduced to what is compared. */
  record KeyedValue(String key, byte[] value) {
    KeyedValue {
      Objects.requireNonNull(key, "key");
    }
  }
}
