package dev.empath.llm.config;

import static dev.empath.schemas.v1.GenerationPurpose.GENERATION_PURPOSE_HINT;
import static dev.empath.schemas.v1.GenerationPurpose.GENERATION_PURPOSE_NPC_LINE;
import static dev.empath.schemas.v1.GenerationPurpose.GENERATION_PURPOSE_SCENE_DESCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.provider.OfflineTemplateProvider;
import dev.empath.llm.routing.ProviderRouter;
import dev.empath.llm.routing.Routes;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.GenerationPurpose;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code route.*} keys as the worker reads them, down to the chain a request gets. */
class LlmWorkerSettingsRoutesTest {

  static Map<String, String> twoProviders() {
    Map<String, String> c = new HashMap<>();
    c.put("empath.llm.providers", "openai, claude");
    c.put("empath.llm.provider.openai.type", "openai");
    c.put("empath.llm.provider.openai.url", "http://127.0.0.1:1/v1");
    c.put("empath.llm.provider.claude.type", "anthropic");
    c.put("empath.llm.provider.claude.url", "http://127.0.0.1:1/v1");
    return c;
  }

  static List<String> chain(Map<String, String> config, GenerationPurpose purpose, String model) {
    LlmWorkerSettings settings = new LlmWorkerSettings(EmpathConfig.of(config));
    Map<String, GenerationProvider> providers =
        settings.providers(HttpClient.newHttpClient(), env -> "sk-test");
    return new ProviderRouter(settings.routes(), providers, OfflineTemplateProvider.bundled())
        .chainFor(purpose, model).stream().map(GenerationProvider::name).toList();
  }

  @Test
  void withoutRoutesEveryProviderIsTriedInTheOrderConfigured() {
    Map<String, String> c = twoProviders();

    assertThat(new LlmWorkerSettings(EmpathConfig.of(c)).routes())
        .isEqualTo(new Routes(Map.of(), Map.of(), List.of("openai", "claude")));
    assertThat(chain(c, GENERATION_PURPOSE_HINT, ""))
        .containsExactly("openai", "claude", "offline");
  }

  @Test
  void purposeModelAndDefaultRoutesAreReadFromTheirKeys() {
    Map<String, String> c = twoProviders();
    c.put("empath.llm.route.purpose.npc_line", "claude,openai");
    c.put("empath.llm.route.purpose.scene_description", "offline");
    c.put("empath.llm.route.models", "premium, cheap");
    c.put("empath.llm.route.model.premium", "claude");
    c.put("empath.llm.route.model.cheap", "openai");
    c.put("empath.llm.route.default", "claude");

    assertThat(new LlmWorkerSettings(EmpathConfig.of(c)).routes())
        .isEqualTo(
            new Routes(
                Map.of("premium", List.of("claude"), "cheap", List.of("openai")),
                Map.of(
                    GENERATION_PURPOSE_NPC_LINE, List.of("claude", "openai"),
                    GENERATION_PURPOSE_SCENE_DESCRIPTION, List.of("offline")),
                List.of("claude")));
    assertThat(chain(c, GENERATION_PURPOSE_NPC_LINE, ""))
        .containsExactly("claude", "openai", "offline");
    assertThat(chain(c, GENERATION_PURPOSE_NPC_LINE, "cheap")).containsExactly("openai", "offline");
    assertThat(chain(c, GENERATION_PURPOSE_SCENE_DESCRIPTION, "")).containsExactly("offline");
    assertThat(chain(c, GENERATION_PURPOSE_HINT, "")).containsExactly("claude", "offline");
  }

  @Test
  void noProvidersMeansOfflineOnly() {
    assertThat(new LlmWorkerSettings(EmpathConfig.of(Map.of())).routes())
        .isEqualTo(Routes.offlineOnly());
    assertThat(chain(Map.of(), GENERATION_PURPOSE_NPC_LINE, "premium")).containsExactly("offline");
  }
}
