package dev.empath.llm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.llm.budget.BudgetSettings;
import dev.empath.llm.prompt.CharacterCards;
import dev.empath.llm.resilience.ResilienceSettings;
import dev.empath.llm.routing.Routes;
import dev.empath.llm.usage.PriceTable;
import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.GenerationPurpose;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LlmWorkerSettingsTest {

  private static EmpathConfig env(Map<String, String> env) {
    return EmpathConfig.load(env, new Properties());
  }

  @Test
  void routesPerPurposeAndModelComeFromTheEnvironment() {
    Routes routes =
        new LlmWorkerSettings(
                env(
                    Map.of(
                        "EMPATH_LLM_PROVIDERS", "local,cloud",
                        "EMPATH_LLM_ROUTE_PURPOSE_NPC_LINE", "cloud,local",
                        "EMPATH_LLM_ROUTE_MODELS", "fast-1",
                        "EMPATH_LLM_ROUTE_MODEL_FAST_1", "local")))
            .routes();

    assertThat(routes.namesFor(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE, ""))
        .containsExactly("cloud", "local");
    assertThat(routes.namesFor(GenerationPurpose.GENERATION_PURPOSE_HINT, ""))
        .containsExactly("local", "cloud");
    assertThat(routes.namesFor(GenerationPurpose.GENERATION_PURPOSE_HINT, "fast-1"))
        .containsExactly("local");
  }

  @Test
  void providersCharactersAndPricesAreFamiliesReadUnderEachMembersEnvironmentName() {
    EmpathConfig config =
        env(
            Map.of(
                "EMPATH_LLM_PROVIDERS", "ollama",
                "EMPATH_LLM_PROVIDER_OLLAMA_TYPE", "openai",
                "EMPATH_LLM_PROVIDER_OLLAMA_URL", "http://127.0.0.1:1/v1",
                "EMPATH_LLM_CHARACTERS", "aria",
                "EMPATH_LLM_CHARACTER_ARIA_PERSONA", "a lighthouse keeper",
                "EMPATH_LLM_PRICE_GPT_4O_MINI_INPUT", "0.15"));

    assertThat(new LlmWorkerSettings(config).providers(HttpClient.newHttpClient(), k -> null))
        .containsOnlyKeys("ollama");
    assertThat(CharacterCards.from(config).get("aria").persona()).isEqualTo("a lighthouse keeper");
    assertThat(new PriceTable(config).costUsd("gpt-4o-mini", 1_000_000, 0)).isEqualTo(0.15);
  }

  @Test
  void theDeclaredDefaultsAreTheSettingsDefaults() {
    LlmWorkerSettings settings = new LlmWorkerSettings(EmpathConfig.of(Map.of()));

    assertThat(settings.resilience()).isEqualTo(ResilienceSettings.defaults());
    assertThat(settings.budget()).isEqualTo(BudgetSettings.defaults());
    assertThat(settings.routes().fallback()).isEqualTo(List.of());
    assertThat(settings.groupId()).isEqualTo("empath-llm-worker");
  }

  @Test
  void aBadValueStopsTheSettingsWithOneLine() {
    assertThatThrownBy(() -> new LlmWorkerSettings(env(Map.of("EMPATH_LLM_BUDGET_LEASE_MS", "0"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "empath.llm.budget.lease.ms must be >= 1, was 0"
                + " (environment variable EMPATH_LLM_BUDGET_LEASE_MS)");
  }
}
