package dev.empath.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.ConfigKeys;
import dev.empath.platform.config.ConfigReference;
import dev.empath.platform.config.PlatformConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code docs/configuration.md} to the declarations: fails while the file differs, and
 * rewrites it when run with {@code -Dempath.config.regenerate=true}.
 */
class ConfigurationReferenceTest {

  /** Surefire runs in the module's directory. */
  private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

  private static List<ConfigKey<?>> allKeys() {
    return ConfigCatalog.ALL.stream().flatMap(g -> g.keys().stream()).toList();
  }

  @Test
  void theReferenceInTheDocsIsTheOneTheDeclarationsGenerate() throws Exception {
    String generated = ConfigReference.markdown(ConfigCatalog.ALL);
    if (Boolean.getBoolean("empath.config.regenerate")) {
      Files.createDirectories(REFERENCE.getParent());
      Files.writeString(REFERENCE, generated);
    }
    assertThat(REFERENCE).exists();
    assertThat(Files.readString(REFERENCE))
        .as("docs/configuration.md is stale; regenerate it with " + ConfigReference.REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void noTwoKeysShareANameOrAnEnvironmentName() {
    Map<String, List<String>> byEnv =
        allKeys().stream()
            .collect(
                Collectors.groupingBy(
                    ConfigKey::envName, Collectors.mapping(ConfigKey::name, Collectors.toList())));
    assertThat(byEnv.values()).allSatisfy(names -> assertThat(names).hasSize(1));
    assertThat(
            allKeys().stream()
                .flatMap(k -> k.deprecatedNames().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
        .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1));
  }

  @Test
  void everyKeyUnderEmpathLivesInTheNamespaceOfTheGroupDeclaringIt() {
    for (ConfigKeys group : ConfigCatalog.ALL) {
      assertThat(group.keys())
          .filteredOn(k -> k.name().startsWith("empath."))
          .allSatisfy(k -> assertThat(group.ownsKey(k.name())).as(k.name()).isTrue());
    }
    assertThat(ConfigCatalog.ALL.stream().flatMap(g -> g.namespaces().stream()))
        .containsExactlyInAnyOrderElementsOf(PlatformConfigKeys.PROJECT_NAMESPACES);
  }

  @Test
  void everyKeyIsLowerCaseDotSeparatedWithAMeaning() {
    assertThat(allKeys())
        .allSatisfy(
            k -> {
              assertThat(k.name()).matches("[a-z0-9-]+(\\.([a-z0-9_-]+|<[a-z0-9]+>))+");
              assertThat(k.meaning()).isNotBlank();
            });
  }
}
