package dev.empath.bench.query;

import dev.empath.query.session.EmotionView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.Map;
import java.util.TreeMap;

/**
 * bench/query-api's baseline, served by the same query-api server: the same filters and a body of
 * the emotion endpoint's shape, without touching Redis. A bean of the bench module, so it exists
 * only on the benchmark's classpath, and there only when {@value #ENABLED}{@code =true}.
 */
@Controller("/v1/bench")
@Produces(MediaType.APPLICATION_JSON)
@Requires(property = ConstantController.ENABLED, value = "true")
public class ConstantController {

  static final String ENABLED = "empath.bench.constant-endpoint";

  private static final EmotionView CONSTANT =
      new EmotionView(
          "bench-prediction",
          "bench-game",
          "bench-session",
          "bench-player",
          1_700_000_000_000L,
          "joy",
          0.7,
          new TreeMap<>(
              Map.of(
                  "anxiety", 0.05,
                  "boredom", 0.05,
                  "calm", 0.1,
                  "excitement", 0.1,
                  "frustration", 0.0,
                  "joy", 0.7)),
          0.6,
          0.5,
          "bench-model",
          42,
          "bench-scene",
          "");

  @Get("/constant")
  public EmotionView constant() {
    return CONSTANT;
  }
}
