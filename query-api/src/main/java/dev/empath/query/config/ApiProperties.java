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
 * @param streamTokenSecret signs live-stream tokens; unset, each instance draws a random one
 * @param instances query-api instances behind the load balancer: each allows its share of the rate
 *     and burst, so a key gets the configured rate in all
 * @param keysFileReloadMs how often the keys file is checked for changes (0: read once)
 */
@ConfigurationProperties("empath.api")
public record ApiProperties(
    @Nullable Map<String, String> keys,
    @Nullable Map<String, String> scopes,
    @Nullable String keysFile,
    @Bindable(defaultValue = "200") double rateLimitPerSecond,
    @Bindable(defaultValue = "400") int rateLimitBurst,
    @Nullable String streamTokenSecret,
    @Bindable(defaultValue = "1") int instances,
    @Bindable(defaultValue = "2000") long keysFileReloadMs) {

  public ApiProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
    if (!(rateLimitPerSecond > 0) || rateLimitBurst < 1) {
      throw new IllegalArgumentException(
          "empath.api.rate-limit-per-second must be > 0 and rate-limit-burst >= 1");
    }
    if (instances < 1 || keysFileReloadMs < 0) {
      throw new IllegalArgumentException(
          "empath.api.instances must be >= 1 and keys-file-reload-ms >= 0");
    }
  }
}
