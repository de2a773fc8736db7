package dev.empath.cli.deploy;

import static dev.empath.cli.deploy.Manifests.at;
import static dev.empath.cli.deploy.Manifests.list;
import static dev.empath.cli.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, docker/prometheus.yml and deploy/k8s run the services the way the code
 * expects: existing modules and main classes, only environment names the code reads, health checks
 * on the ports and paths the services serve, state and data on volumes, pinned images.
 */
class DeploymentManifestTest {

  private static final String ENGINE_IMAGE = "empath-engine";

  @Test
  void composeRunsEveryServiceAsTheCodeReadsIt() throws IOException {
    List<ServiceContainer> services = composeServices();
    assertThat(services).extracting(ServiceContainer::module).contains("query-api", "platform");
    for (ServiceContainer service : services) {
      service.assertMatchesTheCode();
    }
    Map<String, Object> all = map(Manifests.compose().get("services"));
    all.forEach(
        (name, node) -> {
          if (!name.equals("topics") && isEngine(node)) {
            assertThat(at(node, "depends_on", "topics", "condition"))
                .as("%s waits for the topics", name)
                .isEqualTo("service_completed_successfully");
          }
          if (!"no".equals(at(node, "restart"))) {
            assertThat(at(node, "restart")).as("%s restart policy", name).isNotNull();
            assertThat(at(node, "mem_limit")).as("%s memory limit", name).isNotNull();
          }
        });
  }

  @Test
  void composeKeepsData_onVolumes_andPinsItsImages() throws IOException {
    Map<String, Object> services = map(Manifests.compose().get("services"));
    Object kafka = services.get("kafka");
    String logDirs = (String) at(kafka, "environment", "KAFKA_LOG_DIRS");
    assertThat(mountPaths(kafka)).as("Kafka's log directory is a volume").contains(logDirs);
    for (String streams : List.of("stream-emotion", "stream-narrative")) {
      String stateDir =
          (String) at(services.get(streams), "environment", "KAFKA_STREAMS_STATE_DIR");
      assertThat(mountPaths(services.get(streams)))
          .as("%s keeps its state on a volume", streams)
          .anyMatch(stateDir::startsWith);
    }
    String kafkaVersion = parentProperty("kafka.version");
    assertThat(at(kafka, "image")).isEqualTo("apache/kafka:" + kafkaVersion);
    services.forEach(
        (name, node) -> {
          String image = (String) at(node, "image");
          if (!image.startsWith(ENGINE_IMAGE)) {
            assertThat(image).as("%s image tag is pinned", name).matches(".+:v?\\d+\\.\\d+\\.\\d+");
          }
        });
  }

  @Test
  void prometheusScrapesEveryComposeServiceWhereItServesMetrics() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (ServiceContainer service : composeServices()) {
      if (service.healthPath() != null) {
        expected.add(
            (service.isQueryApi() ? "/prometheus " : "/metrics ")
                + service.where().substring("compose ".length())
                + ":"
                + service.servedHealthPort());
      }
    }
    Set<String> scraped = new TreeSet<>();
    for (Object job : list(Manifests.prometheus().get("scrape_configs"))) {
      for (Object config : list(at(job, "static_configs"))) {
        for (Object target : list(at(config, "targets"))) {
          scraped.add(at(job, "metrics_path") + " " + target);
        }
      }
    }
    assertThat(scraped).isEqualTo(expected);
  }

  @Test
  void kubernetesRunsTheSameServicesAsComposeAsTheCodeReadsThem() throws IOException {
    List<Map<String, Object>> documents = Manifests.kubernetes();
    List<ServiceContainer> containers = kubernetesContainers(documents);
    for (ServiceContainer container : containers) {
      container.assertMatchesTheCode();
    }
    assertThat(containers)
        .extracting(c -> c.module() + " " + c.mainClass())
        .containsExactlyInAnyOrderElementsOf(
            composeServices().stream().map(c -> c.module() + " " + c.mainClass()).toList());
  }

  @Test
  void kubernetesWorkloadsHaveProbesLimitsBudgetsAndStateVolumes() throws IOException {
    List<Map<String, Object>> documents = Manifests.kubernetes();
    List<Object> budgets = ofKind(documents, "PodDisruptionBudget");
    for (Map<String, Object> workload : longRunning(documents)) {
      String name = (String) at(workload, "metadata", "name");
      Object labels = at(workload, "spec", "template", "metadata", "labels");
      assertThat(budgets)
          .as("%s has a disruption budget", name)
          .anyMatch(b -> labels.equals(at(b, "spec", "selector", "matchLabels")));
      for (Object container : list(at(workload, "spec", "template", "spec", "containers"))) {
        assertThat(at(container, "readinessProbe", "httpGet")).as("%s readiness", name).isNotNull();
        assertThat(at(container, "livenessProbe", "httpGet")).as("%s liveness", name).isNotNull();
        assertThat(at(container, "resources", "requests", "memory")).isNotNull();
        assertThat(at(container, "resources", "limits", "memory")).isNotNull();
        if (workload.get("kind").equals("StatefulSet")) {
          assertThat(list(at(workload, "spec", "volumeClaimTemplates"))).isNotEmpty();
          String stateDir = environment(container, documents).get("KAFKA_STREAMS_STATE_DIR");
          assertThat(mountPaths(container)).anyMatch(stateDir::startsWith);
        }
      }
    }
    Object kustomization =
        documents.stream().filter(d -> "Kustomization".equals(d.get("kind"))).findFirst().get();
    try (var files = Files.list(Manifests.ROOT.resolve("deploy/k8s"))) {
      assertThat(list(at(kustomization, "resources")))
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> !f.equals("kustomization.yaml"))
                  .toList());
    }
  }

  @Test
  void theKubernetesKeysFileIsMountedWhereQueryApiReadsIt() throws IOException {
    List<Map<String, Object>> documents = Manifests.kubernetes();
    Object secret = ofKind(documents, "Secret").get(0);
    String keys = (String) at(secret, "stringData", "api-keys");
    assertThat(keys.lines()).isNotEmpty().allMatch(l -> l.matches("[0-9a-f]{64} \\S+"));
    Object api =
        workloads(documents).stream()
            .filter(w -> "query-api".equals(at(w, "metadata", "name")))
            .findFirst()
            .get();
    Object container = list(at(api, "spec", "template", "spec", "containers")).get(0);
    String file = environment(container, documents).get("EMPATH_API_KEYS_FILE");
    assertThat(mountPaths(container)).anyMatch(p -> file.equals(p + "/api-keys"));
  }

  private static List<ServiceContainer> composeServices() throws IOException {
    List<ServiceContainer> services = new ArrayList<>();
    map(Manifests.compose().get("services"))
        .forEach(
            (name, node) -> {
              if (!isEngine(node)) {
                return;
              }
              List<Object> command = list(at(node, "command"));
              assertThat(command).as("%s command: <module> <main class>", name).hasSize(2);
              List<Object> test = list(at(node, "healthcheck", "test"));
              boolean checked = !Boolean.TRUE.equals(at(node, "healthcheck", "disable"));
              if (checked) {
                assertThat(test).as("%s health check", name).hasSize(4);
                assertThat(test.get(1)).isEqualTo("/app/healthcheck.sh");
              }
              services.add(
                  new ServiceContainer(
                      "compose " + name,
                      (String) command.get(0),
                      (String) command.get(1),
                      strings(at(node, "environment")),
                      checked ? Integer.valueOf((String) test.get(2)) : null,
                      checked ? (String) test.get(3) : null));
            });
    return services;
  }

  private static List<ServiceContainer> kubernetesContainers(List<Map<String, Object>> documents) {
    List<ServiceContainer> containers = new ArrayList<>();
    for (Map<String, Object> workload : workloads(documents)) {
      for (Object container : list(at(workload, "spec", "template", "spec", "containers"))) {
        assertThat((String) at(container, "image")).isEqualTo(ENGINE_IMAGE);
        List<Object> args = list(at(container, "args"));
        Object probe = at(container, "readinessProbe", "httpGet");
        containers.add(
            new ServiceContainer(
                "k8s " + at(workload, "metadata", "name"),
                (String) args.get(0),
                (String) args.get(1),
                environment(container, documents),
                probe == null ? null : (Integer) at(probe, "port"),
                probe == null ? null : (String) at(probe, "path")));
      }
    }
    return containers;
  }

  /** A container's environment: its config maps' entries, then its own env list. */
  private static Map<String, String> environment(
      Object container, List<Map<String, Object>> documents) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Object source : list(at(container, "envFrom"))) {
      String name = (String) at(source, "configMapRef", "name");
      Object configMap =
          ofKind(documents, "ConfigMap").stream()
              .filter(c -> name.equals(at(c, "metadata", "name")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
      env.putAll(strings(at(configMap, "data")));
    }
    for (Object variable : list(at(container, "env"))) {
      env.put((String) at(variable, "name"), String.valueOf(at(variable, "value")));
    }
    return env;
  }

  /** Everything that runs a pod template (a Job's sits at the same path as a Deployment's). */
  private static List<Map<String, Object>> workloads(List<Map<String, Object>> documents) {
    return documents.stream()
        .filter(d -> Set.of("Deployment", "StatefulSet", "Job").contains(d.get("kind")))
        .toList();
  }

  /** The workloads that keep running, so need probes and a disruption budget. */
  private static List<Map<String, Object>> longRunning(List<Map<String, Object>> documents) {
    return workloads(documents).stream().filter(d -> !d.get("kind").equals("Job")).toList();
  }

  private static List<Object> ofKind(List<Map<String, Object>> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.get("kind"))).map(d -> (Object) d).toList();
  }

  private static List<String> mountPaths(Object node) {
    List<String> paths = new ArrayList<>();
    for (Object volume : list(at(node, "volumes"))) {
      if (volume instanceof String spec) {
        paths.add(spec.split(":")[1]);
      }
    }
    for (Object mount : list(at(node, "volumeMounts"))) {
      paths.add((String) at(mount, "mountPath"));
    }
    return paths;
  }

  private static boolean isEngine(Object service) {
    return String.valueOf(at(service, "image")).startsWith(ENGINE_IMAGE);
  }

  private static Map<String, String> strings(Object node) {
    Map<String, String> out = new LinkedHashMap<>();
    map(node).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static String parentProperty(String name) throws IOException {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(Files.readString(Manifests.ROOT.resolve("pom.xml")));
    assertThat(m.find()).as("parent pom property %s", name).isTrue();
    return m.group(1);
  }
}
