package dev.empath.llm.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.llm.provider.Prompt;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

  private static Prompt prompt(String system, String user, double temperature) {
    return new Prompt(system, user, "gpt-test", 60, temperature, null);
  }

  @Test
  void whitespaceNoiseDoesNotSplitTheCache() {
    assertThat(ResponseCache.key("g1", prompt("  You are\n\nAria. ", "Say   hi.\t", 0.8)))
        .isEqualTo(ResponseCache.key("g1", prompt("You are Aria.", "Say hi.", 0.8)));
    assertThat(ResponseCache.normalize("\t a \n\n b  ")).isEqualTo("a b");
  }

  @Test
  void wordsAndSamplingSettingsDo() {
    String base = ResponseCache.key("g1", prompt("You are Aria.", "Say hi.", 0.8));

    assertThat(ResponseCache.key("g1", prompt("You are Aria.", "Say bye.", 0.8)))
        .isNotEqualTo(base);
    assertThat(ResponseCache.key("g1", prompt("You are Aria.", "Sayhi.", 0.8))).isNotEqualTo(base);
    assertThat(ResponseCache.key("g1", prompt("You are Aria.", "Say hi.", 0.9))).isNotEqualTo(base);
    assertThat(ResponseCache.key("g2", prompt("You are Aria.", "Say hi.", 0.8))).isNotEqualTo(base);
    assertThat(base)
        .startsWith(ResponseCache.PREFIX + "{g1}:")
        .hasSize(ResponseCache.PREFIX.length() + "{g1}:".length() + 64);
  }
}
