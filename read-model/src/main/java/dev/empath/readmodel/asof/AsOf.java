package dev.empath.readmodel.asof;

import java.util.function.Function;

/**
 * What the kept history says about a moment: the value then, that there was none yet, or that the
 * moment is older than what is kept.
 */
public sealed interface AsOf<T> {

  /** The value at the moment. */
  record Found<T>(T value) implements AsOf<T> {}

  /** Nothing at or before the moment, and the history has dropped nothing: it did not exist yet. */
  record NotYet<T>() implements AsOf<T> {}

  /**
   * The history is full (it may have dropped older entries) and cannot answer for the moment.
   *
   * @param visibleFromMs the earliest moment this history can answer for (its oldest kept entry)
   */
  record BeyondKept<T>(long visibleFromMs) implements AsOf<T> {}

  default <R> AsOf<R> map(Function<? super T, ? extends R> f) {
    if (this instanceof Found<T> found) {
      return new Found<>(f.apply(found.value()));
    }
    if (this instanceof BeyondKept<T> beyond) {
      return new BeyondKept<>(beyond.visibleFromMs());
    }
    return new NotYet<>();
  }
}
