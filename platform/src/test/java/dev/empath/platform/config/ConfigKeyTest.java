package dev.empath.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  enum Routing {
    BY_SESSION,
    BY_PLAYER
  }

  @Test
  void valuesAreParsedByTypeAndCheckedByRule() {
    assertThat(ConfigKey.ofInt("k", 1, "m").atLeast(1).parse(" 7 ")).isEqualTo(7);
    assertThat(ConfigKey.ofBoolean("k", true, "m").parse("FALSE")).isFalse();
    assertThat(ConfigKey.ofList("k", "m").parse("a, b,,c ")).isEqualTo(List.of("a", "b", "c"));
    assertThat(ConfigKey.ofEnum("k", Routing.class, Routing.BY_SESSION, "m").parse("by_player"))
        .isEqualTo(Routing.BY_PLAYER);

    assertThatThrownBy(() -> ConfigKey.ofInt("k", 1, "m").atLeast(1).parse("0"))
        .hasMessage("must be >= 1");
    assertThatThrownBy(() -> ConfigKey.ofInt("k", 1, "m").parse("3000000000"))
        .hasMessage("must be a whole number below 2^31");
    assertThatThrownBy(() -> ConfigKey.ofBoolean("k", true, "m").parse("yes"))
        .hasMessage("must be true or false");
    assertThatThrownBy(
            () -> ConfigKey.ofEnum("k", Routing.class, Routing.BY_SESSION, "m").parse("bogus"))
        .hasMessage("must be one of BY_SESSION | BY_PLAYER");
  }

  @Test
  void aFamilyMatchesItsMembersByKeyAndByEnvironmentName() {
    ConfigKey<Double> price = ConfigKey.ofDouble("empath.llm.price.<model>.input", 0.0, "m");

    assertThat(price.isFamily()).isTrue();
    assertThat(price.envName()).isEqualTo("EMPATH_LLM_PRICE_<MODEL>_INPUT");
    assertThat(price.at("gpt-4o-mini").envName()).isEqualTo("EMPATH_LLM_PRICE_GPT_4O_MINI_INPUT");
    assertThat(price.matchesKey("empath.llm.price.gpt-4o.mini.input")).isTrue();
    assertThat(price.matchesKey("empath.llm.price.input")).isFalse();
    assertThat(price.matchesEnv("EMPATH_LLM_PRICE_GPT_4O_MINI_INPUT")).isTrue();
    assertThat(price.matchesEnv("EMPATH_LLM_PRICE_GPT_4O_MINI_OUTPUT")).isFalse();
  }

  @Test
  void theDocumentedTypeCarriesTheRule() {
    assertThat(ConfigKey.ofLong("k", 1L, "m").atLeast(0).type()).isEqualTo("long, must be >= 0");
    assertThat(ConfigKey.ofString("k", "", "m").defaultDescription()).isEqualTo("empty");
    assertThat(ConfigKey.ofString("k", null, "m").defaultDescription()).isEqualTo("none");
  }
}
