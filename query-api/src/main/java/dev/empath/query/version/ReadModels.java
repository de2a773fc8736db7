package dev.empath.query.version;

import dev.empath.query.problem.ProblemException;
import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.keys.VersionMeta;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The readers a request reads through: the active version's, or those of the version it named with
 * {@code version=} (checked by {@link VersionFilter}). A named version must exist and be finished:
 * the active one, or a side version a rebuild left beside it.
 */
@Singleton
public class ReadModels {

  private final ReadModel active;
  private final UnifiedJedis redis;

  public ReadModels(ReadModel active, UnifiedJedis redis) {
    this.active = active;
    this.redis = redis;
  }

  /** Whether the request named a version: answers then bypass caches of the active version. */
  public boolean explicit(HttpRequest<?> request) {
    return named(request).isPresent();
  }

  /**
   * The readers for {@code request}. Reads Redis when a version was named: call it off the event
   * loop.
   *
   * @throws ProblemException 404 when the named version does not exist or is still being built
   */
  public ReadModel of(HttpRequest<?> request) {
    Optional<Integer> named = named(request);
    if (named.isEmpty()) {
      return active;
    }
    int version = named.get();
    if (version != active.activeKeyspace().version()) {
      VersionMeta meta =
          VersionMeta.read(redis, version)
              .orElseThrow(
                  () ->
                      ProblemException.notFound(
                          "no keyspace version "
                              + version
                              + "; ./empath rebuild --list shows those that exist"));
      if (meta.isBuilding()) {
        throw ProblemException.notFound("keyspace version " + version + " is still being built");
      }
    }
    return active.pinned(new Keyspace(version));
  }

  private static Optional<Integer> named(HttpRequest<?> request) {
    return request.getAttribute(VersionFilter.ATTRIBUTE, Integer.class);
  }
}
