package dev.empath.query.auth;

import java.util.Set;

/**
 * A configured API key, known only by its hash.
 *
 * @param id short, non-secret name of the key for logs and metrics (a prefix of its hash)
 * @param hash SHA-256 of the key, lower-case hex; the rate limiter's bucket name
 * @param games game ids the key may read; {@code *} means every game
 * @param scopes what the key may do beyond reading its games' current state, e.g. {@link #VERSIONS}
 */
public record ApiKey(String id, String hash, Set<String> games, Set<String> scopes) {

  public static final String ANY_GAME = "*";

  /** Scope to read a keyspace version other than the active one ({@code version=}). */
  public static final String VERSIONS = "versions";

  public ApiKey {
    games = Set.copyOf(games);
    scopes = Set.copyOf(scopes);
  }

  /** A key without scopes. */
  public ApiKey(String id, String hash, Set<String> games) {
    this(id, hash, games, Set.of());
  }

  public boolean mayRead(String game) {
    return games.contains(ANY_GAME) || games.contains(game);
  }

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }
}
