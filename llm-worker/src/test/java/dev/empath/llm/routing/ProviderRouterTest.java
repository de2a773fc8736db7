package dev.empath.llm.routing;

import static dev.empath.schemas.v1.GenerationPurpose.GENERATION_PURPOSE_HINT;
import static dev.empath.schemas.v1.GenerationPurpose.GENERATION_PURPOSE_NPC_LINE;
import static dev.empath.schemas.v1.GenerationPurpose.GENERATION_PURPOSE_SCENE_DESCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.llm.provider.Completion;
import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.provider.OfflineTemplateProvider;
import dev.empath.llm.provider.Prompt;
import dev.empath.schemas.v1.GenerationPurpose;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRouterTest {

  static final GenerationProvider OFFLINE = OfflineTemplateProvider.bundled();

  /** A remote provider that is never called: routing only looks at names. */
  static GenerationProvider named(String name) {
    return new GenerationProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Completion complete(Prompt prompt, Duration timeout) {
        throw new AssertionError("routing must not call " + name);
      }
    };
  }

  static final Map<String, GenerationProvider> PROVIDERS =
      Map.of("openai", named("openai"), "claude", named("claude"), "local", named("local"));

  static final Routes ROUTES =
      new Routes(
          Map.of("premium", List.of("claude", "openai")),
          Map.of(
              GENERATION_PURPOSE_HINT, List.of("local"),
              GENERATION_PURPOSE_SCENE_DESCRIPTION, List.of("claude")),
          List.of("openai", "claude"));

  static List<String> chain(Routes routes, GenerationPurpose purpose, String model) {
    return new ProviderRouter(routes, PROVIDERS, OFFLINE)
        .chainFor(purpose, model).stream().map(GenerationProvider::name).toList();
  }

  @Test
  void aRouteForTheRequestedModelWinsOverThePurposeRoute() {
    assertThat(chain(ROUTES, GENERATION_PURPOSE_HINT, "premium"))
        .containsExactly("claude", "openai", "offline");
  }

  @Test
  void thePurposeRouteAppliesWhenNoModelIsRequestedOrTheModelHasNoRoute() {
    assertThat(chain(ROUTES, GENERATION_PURPOSE_HINT, "")).containsExactly("local", "offline");
    assertThat(chain(ROUTES, GENERATION_PURPOSE_HINT, null)).containsExactly("local", "offline");
    assertThat(chain(ROUTES, GENERATION_PURPOSE_SCENE_DESCRIPTION, "gpt-unrouted"))
        .containsExactly("claude", "offline");
  }

  @Test
  void theDefaultRouteAppliesToAPurposeWithoutARouteInItsOrder() {
    assertThat(chain(ROUTES, GENERATION_PURPOSE_NPC_LINE, ""))
        .containsExactly("openai", "claude", "offline");
  }

  @Test
  void offlineEndsEveryChainAndNothingAfterItIsTried() {
    Routes routes =
        new Routes(
            Map.of(),
            Map.of(GENERATION_PURPOSE_NPC_LINE, List.of("local", "offline", "openai")),
            List.of());

    assertThat(chain(routes, GENERATION_PURPOSE_NPC_LINE, "")).containsExactly("local", "offline");
    assertThat(chain(routes, GENERATION_PURPOSE_HINT, "")).containsExactly("offline");
    assertThat(chain(Routes.offlineOnly(), GENERATION_PURPOSE_NPC_LINE, "premium"))
        .containsExactly("offline");
  }

  @Test
  void aRouteNamingAnUnknownProviderIsRefusedAtStart() {
    Routes routes = new Routes(Map.of("premium", List.of("gemini")), Map.of(), List.of());

    assertThatThrownBy(() -> new ProviderRouter(routes, PROVIDERS, OFFLINE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gemini");
  }
}
