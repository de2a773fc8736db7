package dev.empath.query;

import dev.empath.platform.config.EmpathConfig;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.HashMap;

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

  /**
   * Runs the API with {@link EmpathConfig} as its highest-priority property source, so the file
   * named by {@code EMPATH_CONFIG_FILE} is honoured here as by every other service.
   */
  public static void main(String[] args) {
    // No ASCII banner: stdout carries log lines only, JSON lines with EMPATH_LOG_FORMAT=json.
    Micronaut.build(args)
        .mainClass(Application.class)
        .banner(false)
        .propertySources(
            PropertySource.of(
                "empath-config",
                new HashMap<String, Object>(EmpathConfig.load().fileAndExplicitValues()),
                10_000))
        .start();
  }
}
