package dev.empath.query.character;

import dev.empath.query.params.Params;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.version.ReadModels;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.ScoredMemory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** A character's projected state and its memory of each player. */
@Controller("/v1/games/{gameId}/characters/{characterId}")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "characters")
public class CharacterController {

  static final int RECENT_LINES = 5;
  static final int DEFAULT_MEMORIES = 10;
  static final int MAX_MEMORIES = 100;

  private final ReadModels readModels;

  public CharacterController(ReadModels readModels) {
    this.readModels = readModels;
  }

  @Get
  @Operation(summary = "A character's mood and tension, decayed to now, and its last lines")
  public CharacterView character(
      @PathVariable String gameId, @PathVariable String characterId, HttpRequest<?> request) {
    String game = Params.id("gameId", gameId);
    String character = Params.id("characterId", characterId);
    ReadModel readModel = readModels.of(request);
    CharacterState state =
        readModel
            .characters()
            .state(game, character)
            .orElseThrow(() -> ProblemException.notFound("no state known for this character"));
    return CharacterView.of(
        state, readModel.characters().spokenLines(game, character, RECENT_LINES));
  }

  @Get("/players/{playerId}")
  @Operation(summary = "A character's relationship with a player and its top memories of them")
  public RelationshipView relationship(
      @PathVariable String gameId,
      @PathVariable String characterId,
      @PathVariable String playerId,
      @Parameter(description = "memories to return, 1..100, default 10") @Nullable @QueryValue
          String limit,
      HttpRequest<?> request) {
    String game = Params.id("gameId", gameId);
    String character = Params.id("characterId", characterId);
    String player = Params.id("playerId", playerId);
    int n = Params.limit(limit, DEFAULT_MEMORIES, MAX_MEMORIES);
    ReadModel readModel = readModels.of(request);
    Relationship relationship =
        readModel
            .characters()
            .relationship(game, character, player)
            .orElseThrow(
                () -> ProblemException.notFound("this character never interacted with the player"));
    List<ScoredMemory> memories = readModel.characters().topMemories(game, character, player, n);
    return RelationshipView.of(relationship, memories);
  }
}
