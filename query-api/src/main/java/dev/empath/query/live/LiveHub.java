package dev.empath.query.live;

import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the one shared feed out to the open streams: indexed by game and by session, so an update
 * touches only the streams that want it; one flusher thread sends every stream's pending updates
 * every {@link #FLUSH_MS} ms (at most four events a second per stream).
 */
@Singleton
public final class LiveHub {

  static final long FLUSH_MS = 250;
  static final long HEARTBEAT_MS = 15_000;

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

  private final Set<LiveStream> all = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Set<LiveStream>> byGame = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<LiveStream>> bySession = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "live-flusher");
            t.setDaemon(true);
            return t;
          });

  public LiveHub() {
    flusher.scheduleAtFixedRate(this::flushAll, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
  }

  /** A new stream of a game's updates, or of one session's when {@code session} is set. */
  LiveStream open(String game, @Nullable String session) {
    Consumer<LiveStream> remove = this::remove;
    LiveStream stream = new LiveStream(game, session, HEARTBEAT_MS, remove);
    all.add(stream);
    index(stream)
        .computeIfAbsent(key(game, session), k -> ConcurrentHashMap.newKeySet())
        .add(stream);
    return stream;
  }

  int openStreams() {
    return all.size();
  }

  void publish(EmotionView e) {
    forEach(e.gameId(), e.sessionId(), s -> s.offer(e));
  }

  void publish(NarrativeView d) {
    forEach(d.gameId(), d.sessionId(), s -> s.offer(d));
  }

  void publish(GeneratedLineView line, String game) {
    forEach(game, line.sessionId(), s -> s.offer(line));
  }

  private void forEach(String game, String session, Consumer<LiveStream> action) {
    Set<LiveStream> gameStreams = byGame.get(game);
    if (gameStreams != null) {
      gameStreams.forEach(action);
    }
    Set<LiveStream> sessionStreams = bySession.get(key(game, session));
    if (sessionStreams != null) {
      sessionStreams.forEach(action);
    }
  }

  private void remove(LiveStream stream) {
    all.remove(stream);
    index(stream)
        .computeIfPresent(
            key(stream.game(), stream.session()),
            (k, set) -> {
              set.remove(stream);
              return set.isEmpty() ? null : set;
            });
  }

  private ConcurrentHashMap<String, Set<LiveStream>> index(LiveStream stream) {
    return stream.session() == null ? byGame : bySession;
  }

  private static String key(String game, @Nullable String session) {
    return session == null ? game : game + '\n' + session;
  }

  private void flushAll() {
    long now = System.currentTimeMillis();
    for (LiveStream stream : all) {
      try {
        stream.flush(now);
      } catch (RuntimeException e) {
        // A client's broken connection must not stop the other streams.
        log.debug("live stream flush failed: {}", e.toString());
        stream.cancel();
      }
    }
  }

  @PreDestroy
  void close() {
    flusher.shutdownNow();
    all.forEach(LiveStream::complete);
  }
}
