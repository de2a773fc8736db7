package dev.empath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad candidates and requests are refused in one line naming the field, before any Kafka call. */
class WhatIfCommandTest {

  @TempDir Path dir;

  @Test
  void aPolicyBreakingARuleNamesTheField() throws Exception {
    Path policy =
        write(
            "policy.json",
            "{\"version\":\"v2\",\"gameId\":\"g1\",\"difficulty\":{\"maxAdjustment\":0.5},"
                + "\"toneRules\":[{\"emotion\":\"joy\",\"minConfidence\":0.5}]}");
    Run run = run("whatif", "--from", "-2h", "--to", "-1h", "--policy", policy.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .startsWith("empath whatif: --policy: policy ")
        .contains("tone_rules[0].tone");
    assertThat(run.err.lines()).hasSize(1);
  }

  @Test
  void aMisspeltPolicyFieldIsNamed() throws Exception {
    Path policy = write("typo.json", "{\"version\":\"v2\",\"gameId\":\"g1\",\"hintt\":{}}");
    Run run = run("promote", "--policy", policy.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).startsWith("empath promote: --policy: ").contains("hintt");
    assertThat(run.err.lines()).hasSize(1);
  }

  @Test
  void aModelWithoutVersionNamesTheField() throws Exception {
    Path model = write("model.json", "{\"gameId\":\"*\",\"transparent\":{\"width\":0.3}}");
    Run run = run("whatif", "--from", "-2h", "--to", "-1h", "--model", model.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).startsWith("empath whatif: --model: ").contains("version is required");
    assertThat(run.err.lines()).hasSize(1);
  }

  @Test
  void aMissingFileARangeBackwardsAndNoCandidateAreUsersMistakes() throws Exception {
    Path model = write("m.json", "{}");
    assertThat(run("whatif", "--from", "-2h", "--to", "-1h", "--model", "/nope.json").err)
        .isEqualTo("empath whatif: --model: cannot read /nope.json\n");
    assertThat(run("whatif", "--from", "-2h", "--to", "-1h").err)
        .isEqualTo("empath whatif: give a candidate: --policy FILE, --model FILE or both\n");
    Run backwards = run("whatif", "--from", "-1h", "--to", "-2h", "--model", model.toString());
    assertThat(backwards.exit).isEqualTo(2);
    assertThat(
            run("whatif", "--from", "-2h", "--to", "-1h", "--warmup", "soon", "--policy", "x").exit)
        .isEqualTo(2);
  }

  @Test
  void promotingAModelThatDoesNotFitTheFeaturesIsAUsersMistake() throws Exception {
    Path model =
        write(
            "onnx.json",
            "{\"version\":\"o1\",\"gameId\":\"g1\",\"onnx\":{\"inputs\":[\"heart_rate\"],"
                + "\"outputs\":[\"joy\"],\"model\":\"AAAA\"}}");
    Run run = run("promote", "--model", model.toString(), "--game", "g2");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .startsWith("empath promote: --model: ")
        .contains("onnx.inputs[0]: 'heart_rate' is not an input the topology provides");
    assertThat(run.err.lines()).hasSize(1);
    Run both = run("promote", "--model", model.toString(), "--policy", model.toString());
    assertThat(both.err)
        .isEqualTo("empath promote: give one document to promote: --policy FILE or --model FILE\n");
  }

  @Test
  void anOnnxGraphThatDoesNotLoadIsAUsersMistake() throws Exception {
    Path model =
        write(
            "broken.json",
            "{\"version\":\"o1\",\"gameId\":\"g1\",\"onnx\":{\"inputs\":[\"success\"],"
                + "\"outputs\":[\"joy\"],\"model\":\"AAAA\"}}");
    Run run = run("whatif", "--from", "-2h", "--to", "-1h", "--model", model.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).startsWith("empath whatif: --model: onnx model does not load");
    assertThat(run.err.lines()).hasSize(1);
  }

  @Test
  void helpSaysTheRunIsRestartable() {
    StringWriter out = new StringWriter();
    CommandLine cli = EmpathCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute("whatif", "--help")).isZero();
    assertThat(out.toString()).contains("same --run-id").contains("--keep").contains("--warmup");
  }

  private Path write(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = EmpathCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }
}
