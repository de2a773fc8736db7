package dev.empath.query.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An error body as RFC 9457 defines it ({@code application/problem+json}).
 *
 * @param type URI naming the kind of problem
 * @param title short summary of the kind
 * @param status the HTTP status code
 * @param detail what went wrong with this request
 * @param instance the request path
 */
@Serdeable
public record Problem(
    String type, String title, int status, @Nullable String detail, @Nullable String instance) {

  public static final String MEDIA_TYPE = "application/problem+json";
}
