package dev.empath.query.session;

import dev.empath.platform.redis.tracking.TrackedCache;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The latest emotion of sessions, the API's hottest read, through the {@link TrackedCache}: both
 * the active-version pointer and the session's key are cached and invalidated by Redis, so a hit
 * needs no round trip and a rebuild's switch-over is seen as soon as Redis reports it.
 */
@Singleton
public class LatestEmotions {

  private final TrackedCache cache;

  public LatestEmotions(TrackedCache cache) {
    this.cache = cache;
  }

  /** The cached answer, or null when answering needs Redis ({@link #load}). Never blocks. */
  public Optional<EmotionView> peek(String game, String session) {
    Integer version = cache.peek(Keyspace.ACTIVE_VERSION_KEY);
    return version == null ? null : cache.peek(new Keyspace(version).sessionEmotion(game, session));
  }

  /** Reads what is not cached from Redis and caches it. Blocks. */
  public Optional<EmotionView> load(String game, String session) {
    Integer cached = cache.peek(Keyspace.ACTIVE_VERSION_KEY);
    int version =
        cached != null ? cached : cache.load(Keyspace.ACTIVE_VERSION_KEY, ActiveVersion::parse);
    return cache.load(new Keyspace(version).sessionEmotion(game, session), LatestEmotions::view);
  }

  private static Optional<EmotionView> view(String json) {
    return Optional.ofNullable(json).map(j -> EmotionView.of(Json.read(j, EmotionSnapshot.class)));
  }
}
