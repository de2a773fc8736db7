package dev.empath.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.v1.GenerationPurpose;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineTemplateProviderTest {

  private final OfflineTemplateProvider offline = OfflineTemplateProvider.bundled();

  @Test
  void fillsCharacterNameAndTheMostImportantFact() {
    OfflineTemplateProvider onlyFacts =
        new OfflineTemplateProvider(
            Map.of("npc_line.*.frustration", List.of("\"{fact}. You can do it,\" says {name}.")));
    Scene scene =
        new Scene(
            GenerationPurpose.GENERATION_PURPOSE_NPC_LINE,
            "encouraging",
            "frustration",
            "Aria",
            List.of("you beat the troll king.", "you like cats"),
            "");

    assertThat(onlyFacts.write(scene))
        .isEqualTo("\"You beat the troll king. You can do it,\" says Aria.");
  }

  @Test
  void skipsFactTemplatesWhenNothingIsRememberedAndNeverLeavesPlaceholders() {
    for (GenerationPurpose purpose :
        List.of(
            GenerationPurpose.GENERATION_PURPOSE_NPC_LINE,
            GenerationPurpose.GENERATION_PURPOSE_SCENE_DESCRIPTION,
            GenerationPurpose.GENERATION_PURPOSE_HINT)) {
      for (String emotion :
          List.of("frustration", "boredom", "anxiety", "joy", "calm", "unknown")) {
        String line = offline.write(new Scene(purpose, "tense", emotion, "Bram", List.of(), ""));
        assertThat(line).isNotBlank().doesNotContain("{").doesNotContain("}");
      }
    }
  }

  @Test
  void choosesByPurposeToneAndEmotionDeterministically() {
    Scene bored =
        new Scene(
            GenerationPurpose.GENERATION_PURPOSE_SCENE_DESCRIPTION,
            "",
            "boredom",
            "",
            List.of(),
            "");
    Completion first = offline.complete(prompt(bored), Duration.ZERO);
    Completion again = offline.complete(prompt(bored), Duration.ZERO);

    assertThat(first.text()).isEqualTo(again.text());
    assertThat(
            List.of(
                "Somewhere ahead, a horn sounds and torches flare to life.",
                "The ground trembles; something large is on the move."))
        .contains(first.text());
    assertThat(first.model()).isEqualTo(OfflineTemplateProvider.MODEL);
    assertThat(offline.local()).isTrue();
  }

  private static Prompt prompt(Scene scene) {
    return new Prompt("s", "u", "", 50, 0.7, scene);
  }
}
