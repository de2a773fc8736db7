package dev.empath.history.story;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an entry's structured fields in a fixed order. Empty strings are left out (proto3 cannot
 * tell them from unset); floats are rounded to 3 decimals, the precision a person reads.
 */
final class Fields {

  private final Map<String, Object> values = new LinkedHashMap<>();

  Fields text(String name, String value) {
    if (value != null && !value.isEmpty()) {
      values.put(name, value);
    }
    return this;
  }

  Fields number(String name, long value) {
    values.put(name, value);
    return this;
  }

  Fields decimal(String name, double value) {
    values.put(name, round(value));
    return this;
  }

  Fields flag(String name, boolean value) {
    values.put(name, value);
    return this;
  }

  Fields list(String name, List<?> value) {
    if (!value.isEmpty()) {
      values.put(name, List.copyOf(value));
    }
    return this;
  }

  Fields map(String name, Map<String, ?> value) {
    if (!value.isEmpty()) {
      values.put(name, new LinkedHashMap<>(value));
    }
    return this;
  }

  /** Decimals of a float map (scores, features, context), keys sorted. */
  Fields decimals(String name, Map<String, Float> value) {
    Map<String, Object> rounded = new LinkedHashMap<>();
    value.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> rounded.put(e.getKey(), round(e.getValue())));
    return map(name, rounded);
  }

  Map<String, Object> build() {
    return values;
  }

  static double round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return 0;
    }
    return Math.round(value * 1000d) / 1000d;
  }
}
