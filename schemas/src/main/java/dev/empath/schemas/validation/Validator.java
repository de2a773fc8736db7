package dev.empath.schemas.validation;

import java.util.List;

/** Decides whether a decoded record honours the contract. */
@FunctionalInterface
public interface Validator<T> {

  /** Human-readable violations, each naming the field and the value; empty when valid. */
  List<String> violations(T value);

  static <T> Validator<T> none() {
    return value -> List.of();
  }
}
