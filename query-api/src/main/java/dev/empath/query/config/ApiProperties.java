package dev.empath.query.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Map;

/**
 * Settings of the HTTP API, under {@code empath.api}.
 *
 * @param keys API keys as {@code <sha-256 hex of the key>: <game>,<game>} ({@code *} = every game);
 *     keys are configured hashed so the clear key is never stored or logged
 * @param scopes scopes of API keys as {@code <sha-256 hex of the key>: <scope>,<scope>}, e.g.
 *     {@code versions} to read side keyspace versions
 * @param keysFile optional file with one {@code <sha-256 hex> <game>,<game> [<scope>,<scope>]} per
 *     line
 * @param rateLimitPerSecond sustained requests per second allowed per key
 * @param rateLimitBurst requests a key may send at once before the sustained rate applies
 */
@ConfigurationProperties("empath.api")
public record ApiProperties(
    @Nullable Map<String, String> keys,
    @Nullable Map<String, String> scopes,
    @Nullable String keysFile,
    @Bindable(defaultValue = "200") double rateLimitPerSecond,
    @Bindable(defaultValue = "400") int rateLimitBurst) {

  public ApiProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
    if (!(rateLimitPerSecond > 0) || rateLimitBurst < 1) {
      throw new IllegalArgumentException(
          "empath.api.rate-limit-per-second must be > 0 and rate-limit-burst >= 1");
    }
  }
}
