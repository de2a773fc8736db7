package dev.empath.platform.config;

import java.util.List;

/** Renders groups of declared keys as the Markdown configuration reference. */
public final class ConfigReference {

  /** How the reference is regenerated; printed in its first lines. */
  public static final String REGENERATE =
      "mvn -B -pl cli -am test -Dtest=ConfigurationReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dempath.config.regenerate=true";

  private static final String RULES =
      """
      ## How keys are named and set

      Every key is lower case, dot-separated, under a namespace: `empath.<service>.` for a service's
      own keys (`empath.emotion.`, `empath.narrative.`, `empath.llm.`, `empath.projector.`,
      `empath.api.` and `empath.read-model.` for query-api), `empath.topic.`, `empath.ops.` and
      `empath.config.` for what every service shares, and the established names of the systems we
      connect to: `kafka.bootstrap.servers`, `kafka.client.*`, `kafka.streams.state.dir`,
      `redis.url`, `schema.registry.url`.

      A key is set, later sources winning, by its default, the properties file named by
      `empath.config.file` (`EMPATH_CONFIG_FILE`), the environment, and `-D<key>=<value>`. Its
      environment name is the key in upper case with `.` and `-` as `_`
      (`empath.llm.route.purpose.npc_line` is `EMPATH_LLM_ROUTE_PURPOSE_NPC_LINE`). A value set but
      blank counts as unset.

      A key with a `<placeholder>` is a family: one key per name the placeholder stands for, such as
      `empath.llm.provider.openai.url` for a provider named `openai`. A member's environment name is
      derived from the member's key in the same way: the name is written in upper case, and any `.`
      or `-` in it as `_` (`empath.llm.price.gpt-4o-mini.input` is
      `EMPATH_LLM_PRICE_GPT_4O_MINI_INPUT`). The services look members up by their key, so no
      environment name is ever turned back into a key, with one exception: no code names the
      members of `kafka.client.*`, so every `KAFKA_CLIENT_<PROPERTY>` is the Kafka property
      `<property>` in lower case with `_` as `.` (`KAFKA_CLIENT_SASL_JAAS_CONFIG` is
      `sasl.jaas.config`).

      A key under a namespace a service owns that it does not declare, or a key under `empath.`
      outside every namespace above, is logged as a warning at start-up (a typo). A bad value stops
      the service with one line naming the key, the value and where it was set.

      query-api reads its keys through Micronaut (`application.yml`, the environment, `-D`), which
      maps environment names the same way; it does not read `empath.config.file`.
      """;

  private ConfigReference() {}

  public static String markdown(List<ConfigKeys> groups) {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append("> Generated from the key declarations in the code (the `*ConfigKeys` classes);")
        .append(" do not edit by hand.\n> Regenerate with `")
        .append(REGENERATE)
        .append("`; a unit test fails while this file differs from the declarations.\n\n")
        .append(RULES);
    for (ConfigKeys group : groups) {
      out.append("\n## ").append(group.service()).append("\n\n");
      out.append(group.description()).append("\n\n");
      out.append("| key | environment | type | default | meaning |\n");
      out.append("|---|---|---|---|---|\n");
      for (ConfigKey<?> key : group.keys()) {
        out.append("| `")
            .append(key.name())
            .append("` | `")
            .append(key.envName())
            .append("` | ")
            .append(cell(key.type()))
            .append(" | ")
            .append(defaultCell(key))
            .append(" | ")
            .append(cell(key.meaning()))
            .append(" |\n");
      }
    }
    List<ConfigKey<?>> renamed =
        groups.stream()
            .flatMap(g -> g.keys().stream())
            .filter(k -> !k.deprecatedNames().isEmpty())
            .toList();
    if (!renamed.isEmpty()) {
      out.append("\n## Former names\n\n")
          .append("Still read, with a warning naming the new key, when the new key is not set.\n\n")
          .append("| former name | key |\n|---|---|\n");
      for (ConfigKey<?> key : renamed) {
        for (String old : key.deprecatedNames()) {
          out.append("| `").append(old).append("` | `").append(key.name()).append("` |\n");
        }
      }
    }
    return out.toString();
  }

  private static String defaultCell(ConfigKey<?> key) {
    String shown = cell(key.defaultDescription());
    return key.hasDefaultText() || key.defaultValue().isEmpty() || shown.equals("empty")
        ? shown
        : "`" + shown + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
