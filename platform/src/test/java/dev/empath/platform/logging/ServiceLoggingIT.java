package dev.empath.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback.xml (and the format files it includes), read by a real JVM as a service
 * starts: each case runs {@link LogSample} in a child process with the switches given as
 * environment variables or -D, and reads its stdout.
 */
class ServiceLoggingIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void textIsTheDefaultAndNotJson() throws Exception {
    List<String> lines = run(Map.of());

    assertThat(lines).anySatisfy(l -> assertThat(l).contains(" INFO ").contains("started sample"));
    assertThat(lines).noneMatch(l -> l.startsWith("{"));
    assertThat(lines).noneMatch(l -> l.contains("|-WARN") || l.contains("|-INFO"));
    assertThatThrownBy(() -> JSON.readTree(lines.get(0))).isInstanceOf(IOException.class);
  }

  @Test
  void jsonFormatWritesOneJsonObjectPerLineWithLevelAndMessage() throws Exception {
    List<String> lines = run(Map.of("EMPATH_LOG_FORMAT", "json"));

    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as(line).isTrue();
      events.add(node);
    }
    JsonNode started =
        events.stream()
            .filter(e -> e.path("formattedMessage").asText().startsWith("started"))
            .findFirst()
            .orElseThrow();
    assertThat(started.path("level").asText()).isEqualTo("INFO");
    assertThat(started.path("formattedMessage").asText())
        .isEqualTo("started sample with \"quotes\"");
    assertThat(started.path("loggerName").asText()).isEqualTo("dev.empath.sample.Service");
    assertThat(started.path("timestamp").asLong()).isPositive();
    JsonNode warning =
        events.stream().filter(e -> e.path("level").asText().equals("WARN")).findFirst().get();
    assertThat(warning.path("throwable").path("message").asText()).isEqualTo("boom");
  }

  @Test
  void kafkaLogsOnlyWarningsByDefaultAndTheServiceNoDebug() throws Exception {
    List<String> lines = run(Map.of());

    assertThat(lines).anyMatch(l -> l.contains("kafka trouble"));
    assertThat(lines).noneMatch(l -> l.contains("kafka chatter"));
    assertThat(lines).noneMatch(l -> l.contains("debug detail"));
  }

  @Test
  void levelsAreSetFromTheEnvironment() throws Exception {
    List<String> debug = run(Map.of("EMPATH_LOG_LEVEL", "DEBUG", "EMPATH_LOG_KAFKA_LEVEL", "INFO"));
    assertThat(debug).anyMatch(l -> l.contains("debug detail"));
    assertThat(debug).anyMatch(l -> l.contains("kafka chatter"));

    List<String> warn = run(Map.of("EMPATH_LOG_LEVEL", "WARN"));
    assertThat(warn).noneMatch(l -> l.contains("started sample"));
    assertThat(warn).anyMatch(l -> l.contains("a warning"));
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() throws Exception {
    List<String> lines = run(Map.of("EMPATH_LOG_FORMAT", "text"), "-Dempath.log.format=json");

    assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("{"));
  }

  /**
   * Stdout of LogSample, one entry a line; stderr must stay empty (no SLF4J or logback warning).
   */
  private static List<String> run(Map<String, String> env, String... jvmArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmArgs));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), LogSample.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("EMPATH_LOG"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(new String(err, StandardCharsets.UTF_8)).isEmpty();
    return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
