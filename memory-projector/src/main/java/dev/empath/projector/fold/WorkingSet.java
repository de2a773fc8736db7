package dev.empath.projector.fold;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stored values a fold reads and updates (relationships, character states), keyed by Redis key.
 * The caller loads every key {@link EventFold#keysToRead} names before folding; reading a key that
 * was not loaded is a bug, not a cache miss, so it fails loudly.
 */
public final class WorkingSet {

  private final Map<String, Optional<Object>> values = new HashMap<>();

  /** Records what the store holds for {@code key} (empty = absent). */
  public void load(String key, Optional<?> value) {
    values.put(key, value.map(v -> (Object) v));
  }

  public boolean isLoaded(String key) {
    return values.containsKey(key);
  }

  <T> Optional<T> get(String key, Class<T> type) {
    Optional<Object> v = values.get(key);
    if (v == null) {
      throw new IllegalStateException("fold read a key that was not loaded: " + key);
    }
    return v.map(type::cast);
  }

  void put(String key, Object value) {
    values.put(key, Optional.of(value));
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** The value now held for {@code key}, if loaded. */
  public Optional<Object> peek(String key) {
    Optional<Object> v = values.get(key);
    return v == null ? Optional.empty() : v;
  }

  /** Copies every loaded value into {@code target} (a cache that outlives the batch). */
  public void copyTo(Map<String, Optional<Object>> target) {
    target.putAll(values);
  }
}
