package dev.empath.schemas.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Accumulates violations so one rejection names every problem of a record, not just the first. */
final class Checks {

  // Allocated on the first violation only: valid records, the common case, cost no list.
  private List<String> violations = List.of();

  /** A required identifier: non-blank, bounded, no control characters. */
  Checks id(String field, String value) {
    if (value == null || value.isBlank()) {
      add(field + " is required");
    } else {
      text(field, value, Limits.MAX_ID_LENGTH);
    }
    return this;
  }

  /** An optional identifier: may be empty, otherwise like {@link #id}. */
  Checks optionalId(String field, String value) {
    if (value != null && !value.isEmpty()) {
      text(field, value, Limits.MAX_ID_LENGTH);
    }
    return this;
  }

  Checks text(String field, String value, int maxLength) {
    if (value.length() > maxLength) {
      add(field + " is " + value.length() + " characters, at most " + maxLength);
    } else if (hasControlCharacter(value)) {
      add(field + " contains control characters");
    }
    return this;
  }

  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
        return true;
      }
    }
    return false;
  }

  private void add(String violation) {
    if (violations.isEmpty()) {
      violations = new ArrayList<>();
    }
    violations.add(violation);
  }

  Checks range(String field, double value, double min, double max) {
    if (!Double.isFinite(value) || value < min || value > max) {
      add(field + " must be finite and in [" + fmt(min) + ", " + fmt(max) + "], was " + value);
    }
    return this;
  }

  Checks timestamp(String field, long epochMillis) {
    if (epochMillis < Limits.MIN_TIMESTAMP_MS || epochMillis > Limits.MAX_TIMESTAMP_MS) {
      add(
          field
              + " must be epoch milliseconds between 2000-01-01 and 2100-01-01, was "
              + epochMillis);
    }
    return this;
  }

  Checks size(String field, Collection<?> values, int max) {
    return size(field, values.size(), max);
  }

  Checks size(String field, int size, int max) {
    if (size > max) {
      add(field + " has " + size + " entries, at most " + max);
    }
    return this;
  }

  /** A bounded map of bounded keys to finite numbers within [min, max]. */
  Checks numberMap(
      String field, Map<String, Float> values, int maxEntries, double min, double max) {
    size(field, values.size(), maxEntries);
    // Field names are only concatenated on a violation: this runs for every record.
    for (Map.Entry<String, Float> e : values.entrySet()) {
      String key = e.getKey();
      if (key.length() > Limits.MAX_KEY_LENGTH || hasControlCharacter(key)) {
        text(field + " key", key, Limits.MAX_KEY_LENGTH);
      }
      float value = e.getValue();
      if (!Float.isFinite(value) || value < min || value > max) {
        range(field + "[" + key + "]", value, min, max);
      }
    }
    return this;
  }

  Checks stringMap(String field, Map<String, String> values, int maxEntries) {
    size(field, values.size(), maxEntries);
    for (Map.Entry<String, String> e : values.entrySet()) {
      text(field + " key", e.getKey(), Limits.MAX_KEY_LENGTH);
      text(field + "[" + e.getKey() + "]", e.getValue(), Limits.MAX_SHORT_TEXT);
    }
    return this;
  }

  Checks require(boolean condition, String violation) {
    if (!condition) {
      add(violation);
    }
    return this;
  }

  List<String> result() {
    return violations.isEmpty() ? List.of() : List.copyOf(violations);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
