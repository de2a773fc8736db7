package dev.empath.cli.state;

import dev.empath.cli.tool.TimeConverter;
import dev.empath.cli.tool.ToolOptions;
import dev.empath.cli.tool.UserError;
import dev.empath.history.time.TimeSpec;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./empath state}: character, relationship or session state as of any moment. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = {
      "State as of a moment, exact for any moment the topics hold: the records of the character"
          + " (or session) up to --at folded with the projector's own fold, printed as the JSON"
          + " the API's asOf= answer gives.",
      "A character: its mood and tension and the lines it had said. With --player: the"
          + " relationship and the memories ranked then. A session: its emotion and narrative"
          + " decision (either null before the first one).",
      "Reads the key's partition of the interaction (or emotion and narrative) topic to its end"
          + " offset taken at the start; a character's lines scan every partition of the"
          + " generation results up to --at. Progress on stderr."
    },
    sortOptions = false)
public final class StateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--game", required = true, paramLabel = "GAME", description = "the game")
  String game;

  @Option(names = "--character", paramLabel = "ID", description = "a character")
  String character;

  @Option(
      names = "--player",
      paramLabel = "ID",
      description = "with --character: its relationship with this player")
  String player;

  @Option(names = "--session", paramLabel = "ID", description = "a session")
  String session;

  @Option(
      names = "--at",
      required = true,
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "the moment: epoch ms, ISO-8601, a date, now, or relative such as -2h")
  Long at;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10",
      description = "memories in a relationship answer, 1..100 (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print JSON (the default and only output)")
  boolean json;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  @Mixin ToolOptions tools;

  @Override
  public Integer call() throws Exception {
    StateQuery query = query(System.currentTimeMillis());
    StateQuery.Result result = query.run(tools.config(), !quiet);
    PrintWriter err = spec.commandLine().getErr();
    if (result.undecodable() > 0) {
      err.printf(Locale.ROOT, "skipped %,d records that do not decode%n", result.undecodable());
    }
    if (!quiet) {
      err.printf(
          Locale.ROOT,
          "folded %,d records up to %s%n",
          result.folded(),
          TimeSpec.format(query.atMs()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(ViewJson.pretty(result.answer()));
    out.flush();
    return 0;
  }

  StateQuery query(long nowMs) {
    if ((character == null) == (session == null)) {
      throw new UserError("give either --character or --session");
    }
    if (player != null && character == null) {
      throw new UserError("--player needs --character");
    }
    if (at > nowMs) {
      throw new UserError(
          "--at "
              + TimeSpec.format(at)
              + " is in the future (now is "
              + TimeSpec.format(nowMs)
              + ")");
    }
    if (limit < 1 || limit > 100) {
      throw new UserError("--limit must be 1..100: " + limit);
    }
    return new StateQuery(game, character, player, session, at, limit);
  }
}
