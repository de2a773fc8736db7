package dev.empath.cli.promote;

import dev.empath.cli.tool.Candidates;
import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.narrative.app.PublishPolicy;
import dev.empath.schemas.v1.NarrativePolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./empath promote}: a candidate goes live, exactly as {@code publish-policy} does it. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a narrative policy to the policy topic, keyed by its game, exactly as"
          + " publish-policy does; running stream-narrative instances pick it up without a"
          + " restart and every decision names its version.",
      "--model is refused for now: models are promoted once they can be hot-swapped."
    })
public final class PromoteCommand implements Callable<Integer> {

  @Mixin ToolOptions tool;

  @Option(names = "--policy", paramLabel = "FILE", description = "the policy document (JSON)")
  Path policy;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "not yet: an emotion model document")
  Path model;

  @Option(
      names = "--game",
      paramLabel = "GAME",
      description = "the game the policy is for (default: the document's gameId)")
  String game;

  @Override
  public Integer call() throws Exception {
    if (model != null) {
      throw new UserError(
          "not yet: models are promoted once they can be hot-swapped (issue: models as data)");
    }
    if (policy == null) {
      throw new UserError("give the policy to promote: --policy FILE");
    }
    NarrativePolicy candidate = Candidates.policy(policy);
    if (game != null) {
      candidate = candidate.toBuilder().setGameId(game).build();
    }
    System.out.println(PublishPolicy.promote(tool.config(), candidate));
    return 0;
  }
}
