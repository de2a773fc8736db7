package dev.empath.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.cli.config.ConfigCatalog;
import dev.empath.platform.config.PlatformConfigKeys;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One service as a deployment file runs it (a compose service or a Kubernetes container): which
 * module and main class, the environment it is given, and where its health is probed. {@link
 * #assertMatchesTheCode} holds all of it to what the code reads and serves.
 */
record ServiceContainer(
    String where,
    String module,
    String mainClass,
    Map<String, String> environment,
    Integer healthPort,
    String healthPath) {

  /** Environment names that are not configuration keys, and the file that reads each. */
  private static final Map<String, String> READ_ELSEWHERE =
      Map.of(
          "JAVA_OPTS", "docker/run.sh",
          "EMPATH_LOG_FORMAT", "platform/src/main/resources/logback.xml",
          "EMPATH_LOG_LEVEL", "platform/src/main/resources/logback.xml",
          "EMPATH_LOG_KAFKA_LEVEL", "platform/src/main/resources/logback.xml",
          "QUERY_API_PORT", "query-api/src/main/resources/application.yml");

  private static final Set<String> QUERY_API_HEALTH =
      Set.of("/health", "/health/readiness", "/health/liveness");

  boolean isQueryApi() {
    return module.equals("query-api");
  }

  /** The port the service listens on for its probes: the API's HTTP port or the ops port. */
  int servedHealthPort() {
    if (isQueryApi()) {
      return Integer.parseInt(environment.getOrDefault("QUERY_API_PORT", "8080"));
    }
    String ops = environment.get(PlatformConfigKeys.OPS_PORT.envName());
    return ops != null ? Integer.parseInt(ops) : PlatformConfigKeys.OPS_PORT.defaultValue().get();
  }

  void assertMatchesTheCode() throws IOException {
    assertThat(Manifests.ROOT.resolve(module).resolve("pom.xml"))
        .as("%s: module %s", where, module)
        .exists();
    assertThat(Files.readString(Manifests.ROOT.resolve("docker/Dockerfile")))
        .as("%s: the image builds module %s", where, module)
        .containsPattern("ARG SERVICES=\"[^\"]*\\b" + module + "\\b");
    assertHasMain();
    for (String name : environment.keySet()) {
      assertKnown(name);
    }
    if (healthPath != null) {
      assertThat(healthPort).as("%s: health-check port", where).isEqualTo(servedHealthPort());
      if (isQueryApi()) {
        assertThat(QUERY_API_HEALTH).as("%s: health path", where).contains(healthPath);
      } else {
        assertThat(healthPath)
            .as("%s: health path of the ops endpoint", where)
            .isEqualTo("/health");
      }
    }
  }

  private void assertHasMain() {
    try {
      Method main = Class.forName(mainClass).getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers())).as("%s: static main", where).isTrue();
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new AssertionError(where + ": no main class " + mainClass, e);
    }
  }

  private void assertKnown(String name) throws IOException {
    boolean declared = ConfigCatalog.ALL.stream().anyMatch(keys -> keys.declaresEnv(name));
    if (declared || name.startsWith("KAFKA_CLIENT_")) {
      return;
    }
    String reader = READ_ELSEWHERE.get(name);
    assertThat(reader).as("%s: %s is no configuration key the code reads", where, name).isNotNull();
    Path file = Manifests.ROOT.resolve(reader);
    assertThat(Files.readString(file)).as("%s: %s reads %s", where, reader, name).contains(name);
  }
}
