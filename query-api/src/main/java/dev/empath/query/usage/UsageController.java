package dev.empath.query.usage;

import dev.empath.query.params.Params;
import dev.empath.query.version.ReadModels;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A game's LLM usage. */
@Controller("/v1/games/{gameId}/usage")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "usage")
public class UsageController {

  private final ReadModels readModels;

  public UsageController(ReadModels readModels) {
    this.readModels = readModels;
  }

  /** All zero for a game without recorded usage: an allowed game always has usage figures. */
  @Get
  @Operation(summary = "LLM requests, tokens, latency and cost of a game, per provider/model")
  public UsageView usage(@PathVariable String gameId, HttpRequest<?> request) {
    String game = Params.id("gameId", gameId);
    return UsageView.of(readModels.of(request).usage().usage(game));
  }
}
