package dev.empath.query;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The query-api: read-only HTTP/JSON over the Redis read models, scoped per game by API key. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "empath-query-api",
            version = "v1",
            description =
                "Projected session emotion, narrative, character memory and LLM usage of Empath"
                    + " Engine. Every /v1 path needs an API key allowed for the game in the path."),
    security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(
    name = "apiKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "Authorization: Bearer <api key> (or X-API-Key: <api key>)")
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    // No ASCII banner: stdout carries log lines only, JSON lines with EMPATH_LOG_FORMAT=json.
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
