package dev.empath.query.usage;

import dev.empath.query.params.Params;
import dev.empath.readmodel.ReadModel;
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

  private final ReadModel readModel;

  public UsageController(ReadModel readModel) {
    this.readModel = readModel;
  }

  /** All zero for a game without recorded usage: an allowed game always has usage figures. */
  @Get
  @Operation(summary = "LLM requests, tokens, latency and cost of a game, per provider/model")
  public UsageView usage(@PathVariable String gameId) {
    return UsageView.of(readModel.usage().usage(Params.id("gameId", gameId)));
  }
}
