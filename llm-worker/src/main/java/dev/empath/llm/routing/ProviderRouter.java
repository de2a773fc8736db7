package dev.empath.llm.routing;

import dev.empath.llm.provider.GenerationProvider;
import dev.empath.schemas.v1.GenerationPurpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the ordered chain of providers for a request: a route for the requested model wins, then
 * a route for the purpose, then the default route. The offline provider always ends the chain, so
 * every chain can answer.
 */
public final class ProviderRouter {

  private final Routes routes;
  private final Map<String, GenerationProvider> providers;
  private final GenerationProvider offline;

  public ProviderRouter(
      Routes routes, Map<String, GenerationProvider> providers, GenerationProvider offline) {
    this.routes = routes;
    this.providers = Map.copyOf(providers);
    this.offline = offline;
    routes
        .allNames()
        .forEach(
            n -> {
              if (!providers.containsKey(n) && !n.equals(offline.name())) {
                throw new IllegalArgumentException("route names unknown provider " + n);
              }
            });
  }

  public List<GenerationProvider> chainFor(GenerationPurpose purpose, String model) {
    List<GenerationProvider> chain = new ArrayList<>();
    for (String name : routes.namesFor(purpose, model)) {
      if (name.equals(offline.name())) {
        break; // offline answers everything: nothing after it would ever be tried
      }
      chain.add(providers.get(name));
    }
    chain.add(offline);
    return List.copyOf(chain);
  }

  public GenerationProvider offline() {
    return offline;
  }
}
