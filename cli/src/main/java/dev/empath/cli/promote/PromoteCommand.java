package dev.empath.cli.promote;

import dev.empath.cli.tool.Candidates;
import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.emotion.app.PublishModel;
import dev.empath.narrative.app.PublishPolicy;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.NarrativePolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./empath promote}: a candidate goes live, exactly as {@code publish-policy} does it. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a narrative policy (--policy) to the policy topic, exactly as publish-policy"
          + " does, or an emotion model document (--model: transparent or onnx) to the model"
          + " topic, keyed by its game (\"*\" = every game without its own). Running"
          + " stream-narrative and stream-emotion instances admit it and switch to it without a"
          + " restart; every decision and prediction names its version."
    })
public final class PromoteCommand implements Callable<Integer> {

  @Mixin ToolOptions tool;

  @Spec CommandSpec spec;

  @Option(names = "--policy", paramLabel = "FILE", description = "the policy document (JSON)")
  Path policy;

  @Option(names = "--model", paramLabel = "FILE", description = "the emotion model document (JSON)")
  Path model;

  @Option(
      names = "--game",
      paramLabel = "GAME",
      description = "the game the document is for (default: the document's gameId)")
  String game;

  @Override
  public Integer call() throws Exception {
    if ((model == null) == (policy == null)) {
      throw new UserError("give one document to promote: --policy FILE or --model FILE");
    }
    if (model != null) {
      EmotionModelDocument candidate = Candidates.model(model);
      if (game != null) {
        candidate = candidate.toBuilder().setGameId(game).build();
      }
      print(PublishModel.promote(tool.config(), candidate));
      return 0;
    }
    NarrativePolicy candidate = Candidates.policy(policy);
    if (game != null) {
      candidate = candidate.toBuilder().setGameId(game).build();
    }
    print(PublishPolicy.promote(tool.config(), candidate));
    return 0;
  }

  private void print(String line) {
    spec.commandLine().getOut().println(line);
    spec.commandLine().getOut().flush();
  }
}
