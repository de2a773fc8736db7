package dev.empath.query.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard page. It and its assets need no key: the page asks for one, keeps it in the browser
 * tab and sends it with every {@code /v1} call, so a key sees only its games.
 */
@Controller("/dashboard")
@Hidden
public class DashboardController {

  /** Scripts and styles only from this server; no framing; the URL fragment never leaves. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action"
          + " 'none'";

  private final String page;

  public DashboardController() {
    try (InputStream in = getClass().getResourceAsStream("/dashboard/index.html")) {
      if (in == null) {
        throw new IllegalStateException("dashboard/index.html missing from the classpath");
      }
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard page", e);
    }
  }

  @Get
  @Produces(MediaType.TEXT_HTML)
  public HttpResponse<String> page() {
    return HttpResponse.ok(page)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache");
  }
}
