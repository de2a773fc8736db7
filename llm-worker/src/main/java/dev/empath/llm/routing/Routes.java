package dev.empath.llm.routing;

import dev.empath.schemas.v1.GenerationPurpose;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Route table as data: provider names per requested model, per purpose, and a default.
 *
 * @param byModel routes for a requested model or route name (the request's {@code model} field)
 * @param byPurpose routes per purpose
 * @param fallback the route when neither matches; empty means offline only
 */
public record Routes(
    Map<String, List<String>> byModel,
    Map<GenerationPurpose, List<String>> byPurpose,
    List<String> fallback) {

  public Routes {
    byModel = Map.copyOf(byModel);
    byPurpose = Map.copyOf(byPurpose);
    fallback = List.copyOf(fallback);
  }

  /** Everything offline: the default when nothing is configured. */
  public static Routes offlineOnly() {
    return new Routes(Map.of(), Map.of(), List.of());
  }

  public List<String> namesFor(GenerationPurpose purpose, String model) {
    if (model != null && !model.isBlank() && byModel.containsKey(model)) {
      return byModel.get(model);
    }
    return byPurpose.getOrDefault(purpose, fallback);
  }

  Stream<String> allNames() {
    return Stream.of(
            byModel.values().stream().flatMap(List::stream),
            byPurpose.values().stream().flatMap(List::stream),
            fallback.stream())
        .flatMap(s -> s);
  }
}
