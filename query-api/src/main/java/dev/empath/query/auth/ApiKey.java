package dev.empath.query.auth;

import java.util.Set;

/**
 * A configured API key, known only by its hash.
 *
 * @param id short, non-secret name of the key for logs and metrics (a prefix of its hash)
 * @param hash SHA-256 of the key, lower-case hex; the rate limiter's bucket name
 * @param games game ids the key may read; {@code *} means every game
 */
public record ApiKey(String id, String hash, Set<String> games) {

  public static final String ANY_GAME = "*";

  public ApiKey {
    games = Set.copyOf(games);
  }

  public boolean mayRead(String game) {
    return games.contains(ANY_GAME) || games.contains(game);
  }
}
