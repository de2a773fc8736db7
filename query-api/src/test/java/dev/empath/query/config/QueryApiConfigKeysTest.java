package dev.empath.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.config.ConfigKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Micronaut reads query-api's keys; these tests hold the declarations to what it binds. */
class QueryApiConfigKeysTest {

  private static final String HASH =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void everyApiPropertyIsDeclaredAndNothingElse() {
    var components =
        Arrays.stream(ApiProperties.class.getRecordComponents())
            .map(c -> "empath.api." + kebab(c.getName()))
            .map(k -> k.equals("empath.api.keys") ? "empath.api.keys.<sha256>" : k)
            .map(k -> k.equals("empath.api.scopes") ? "empath.api.scopes.<sha256>" : k)
            .collect(Collectors.toSet());
    var declared =
        QueryApiConfigKeys.KEYS.keys().stream()
            .map(ConfigKey::name)
            .filter(k -> k.startsWith("empath.api."))
            .collect(Collectors.toSet());

    assertThat(declared).isEqualTo(components);
  }

  @Test
  void micronautFindsEveryKeyUnderTheEnvironmentNameTheReferenceGivesIt() {
    Map<String, Object> env = new HashMap<>();
    for (ConfigKey<?> key : QueryApiConfigKeys.KEYS.keys()) {
      String name = key.isFamily() ? key.at(HASH).envName() : key.envName();
      env.put(name, key.isFamily() ? "game-a,game-b" : "7");
    }

    try (ApplicationContext context =
        ApplicationContext.builder()
            .propertySources(
                PropertySource.of(
                    "test-env",
                    env,
                    PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE,
                    PropertySource.Origin.of("test-env")))
            .start()) {
      for (ConfigKey<?> key : QueryApiConfigKeys.KEYS.keys()) {
        String name = key.isFamily() ? key.at(HASH).name() : key.name();
        assertThat(context.getProperty(name, String.class)).as(name).isPresent();
      }
      ApiProperties api = context.getBean(ApiProperties.class);
      assertThat(api.rateLimitPerSecond()).isEqualTo(7);
      assertThat(api.rateLimitBurst()).isEqualTo(7);
      assertThat(api.keys()).containsEntry(HASH, "game-a,game-b");
      assertThat(api.scopes()).containsEntry(HASH, "game-a,game-b");
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
