package dev.empath.cli.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The deployment files of the repository, read as YAML (merge keys resolved, as compose does). */
final class Manifests {

  static final Path ROOT = Path.of("..");

  private Manifests() {}

  static Map<String, Object> compose() throws IOException {
    return map(load(ROOT.resolve("docker-compose.yml")).get(0));
  }

  static Map<String, Object> prometheus() throws IOException {
    return map(load(ROOT.resolve("docker/prometheus.yml")).get(0));
  }

  /** Every document of every file in deploy/k8s, the kustomization included. */
  static List<Map<String, Object>> kubernetes() throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (var files = Files.list(ROOT.resolve("deploy/k8s"))) {
      for (Path file : files.sorted().toList()) {
        for (Object document : load(file)) {
          if (document != null) {
            documents.add(map(document));
          }
        }
      }
    }
    return documents;
  }

  static List<Object> load(Path file) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try (Reader reader = Files.newBufferedReader(file)) {
      List<Object> documents = new ArrayList<>();
      new Yaml(options).loadAll(reader).forEach(documents::add);
      return documents;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return node == null ? Map.of() : (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node) {
    return node == null ? List.of() : (List<Object>) node;
  }

  /** The value at a path of map keys, or null where the path ends early. */
  static Object at(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }
}
