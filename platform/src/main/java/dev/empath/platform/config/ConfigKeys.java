package dev.empath.platform.config;

import java.util.List;

/**
 * The keys one service (or the platform) declares, with the namespaces it owns: a key set under an
 * owned namespace but not declared is a typo, and is reported as such.
 *
 * @param service who reads these keys, as the reference titles them
 * @param description a line or two the reference prints above the keys
 * @param namespaces key prefixes this group owns, each ending in a dot (e.g. {@code
 *     empath.emotion.})
 * @param keys every key the service reads, families included
 */
public record ConfigKeys(
    String service, String description, List<String> namespaces, List<ConfigKey<?>> keys) {

  public ConfigKeys {
    namespaces = List.copyOf(namespaces);
    keys = List.copyOf(keys);
    for (String namespace : namespaces) {
      if (!namespace.endsWith(".")) {
        throw new IllegalArgumentException("namespace must end in a dot: " + namespace);
      }
    }
  }

  public static ConfigKeys of(
      String service, String description, List<String> namespaces, ConfigKey<?>... keys) {
    return new ConfigKeys(service, description, namespaces, List.of(keys));
  }

  /** Whether {@code key} is declared here (as a key, a family member or a former name). */
  public boolean declaresKey(String key) {
    return keys.stream().anyMatch(k -> k.matchesKey(key));
  }

  /** Whether {@code env} is the environment name of a key declared here. */
  public boolean declaresEnv(String env) {
    return keys.stream().anyMatch(k -> k.matchesEnv(env));
  }

  /** Whether {@code key} falls under a namespace of this group. */
  public boolean ownsKey(String key) {
    return namespaces.stream().anyMatch(key::startsWith);
  }

  /** Whether {@code env} falls under the environment form of a namespace of this group. */
  public boolean ownsEnv(String env) {
    return namespaces.stream().anyMatch(n -> env.startsWith(ConfigKey.toEnvName(n)));
  }
}
