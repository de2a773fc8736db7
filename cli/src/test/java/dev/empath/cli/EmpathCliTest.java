package dev.empath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.cli.tool.TimeConverter;
import dev.empath.cli.tool.UserError;
import dev.empath.platform.topics.TopicMismatchException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class EmpathCliTest {

  @Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    @Option(names = "--at", converter = TimeConverter.class)
    Long at;

    @Option(names = "--fail")
    boolean fail;

    @Option(names = "--mismatch")
    boolean mismatch;

    @Override
    public Integer call() {
      if (mismatch) {
        throw new TopicMismatchException(
            List.of("topic t has 6 partitions, the configuration wants 3: do this"));
      }
      if (fail) {
        throw new IllegalStateException("broken", new RuntimeException("deeper"));
      }
      throw new UserError("no session s9 in game g1");
    }
  }

  @Test
  void aUsersMistakeIsOneLineAndExitCode2() {
    Run run = run("probe", "--at", "-2h");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).isEqualTo("empath probe: no session s9 in game g1\n");
  }

  @Test
  void aFailureIsOneLineWithItsCausesAndExitCode1() {
    Run run = run("probe", "--fail");
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).isEqualTo("empath probe: broken: deeper\n");
  }

  @Test
  void aTopicThatDisagreesWithTheConfigurationIsOneLineAndExitCode2() {
    Run run = run("probe", "--mismatch");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .isEqualTo("empath probe: topic t has 6 partitions, the configuration wants 3: do this\n");
  }

  @Test
  void aBadTimeSaysWhatIsAccepted() {
    Run run = run("probe", "--at", "yesterday");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("not a time: 'yesterday'").contains("ISO-8601");
  }

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = EmpathCli.commandLine().addSubcommand(new Probe());
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, err.toString().replace(System.lineSeparator(), "\n"));
  }
}
