package dev.empath.query.live;

import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One open live stream: updates are buffered as they arrive and sent as one event per flush, so a
 * client gets at most a few events a second however busy the game is. A game stream keeps only each
 * session's newest emotion and decision; a session stream keeps every update up to a bound. Only
 * the hub's flusher thread calls {@link #flush}, so events are emitted serially.
 */
final class LiveStream implements Publisher<Event<LiveBatch>>, Subscription {

  /** Updates a stream holds between flushes before it drops the oldest. */
  static final int MAX_PENDING = 256;

  private final String game;
  private final @Nullable String session;
  private final Consumer<LiveStream> onCancel;
  private final long heartbeatMs;
  private final Map<String, EmotionView> emotions = new LinkedHashMap<>();
  private final Map<String, NarrativeView> decisions = new LinkedHashMap<>();
  private final List<GeneratedLineView> lines = new ArrayList<>();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile Subscriber<? super Event<LiveBatch>> subscriber;
  private long dropped;
  private long sequence;
  private long lastSentMs;
  private boolean greeted;

  LiveStream(
      String game, @Nullable String session, long heartbeatMs, Consumer<LiveStream> onCancel) {
    this.game = game;
    this.session = session;
    this.heartbeatMs = heartbeatMs;
    this.onCancel = onCancel;
  }

  String game() {
    return game;
  }

  @Nullable
  String session() {
    return session;
  }

  @Override
  public void subscribe(Subscriber<? super Event<LiveBatch>> s) {
    if (!subscribed.compareAndSet(false, true)) {
      throw new IllegalStateException("a live stream has one subscriber");
    }
    subscriber = s;
    s.onSubscribe(this);
  }

  @Override
  public void request(long n) {
    if (n > 0) {
      demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    onCancel.accept(this);
  }

  synchronized void offer(EmotionView e) {
    // A session stream keeps every prediction (keyed uniquely); a game stream the newest per
    // session.
    String key = session == null ? e.sessionId() : e.predictionId() + "/" + sequence++;
    if (emotions.put(key, e) != null && session == null) {
      dropped++;
    }
    trim(emotions);
  }

  synchronized void offer(NarrativeView d) {
    String key = session == null ? d.sessionId() : d.decisionId() + "/" + sequence++;
    if (decisions.put(key, d) != null && session == null) {
      dropped++;
    }
    trim(decisions);
  }

  synchronized void offer(GeneratedLineView line) {
    lines.add(line);
    if (lines.size() > MAX_PENDING) {
      lines.remove(0);
      dropped++;
    }
  }

  private void trim(Map<String, ?> pending) {
    if (pending.size() > MAX_PENDING) {
      var oldest = pending.keySet().iterator();
      oldest.next();
      oldest.remove();
      dropped++;
    }
  }

  /** Sends what is pending (or a greeting, or a heartbeat) if the client has asked for more. */
  void flush(long nowMs) {
    Subscriber<? super Event<LiveBatch>> s = subscriber;
    if (cancelled || s == null || demand.get() <= 0) {
      return;
    }
    LiveBatch batch;
    synchronized (this) {
      boolean idle = emotions.isEmpty() && decisions.isEmpty() && lines.isEmpty();
      if (idle && greeted && nowMs - lastSentMs < heartbeatMs) {
        return;
      }
      batch =
          new LiveBatch(
              game,
              session,
              nowMs,
              List.copyOf(emotions.values()),
              List.copyOf(decisions.values()),
              List.copyOf(lines),
              dropped);
      emotions.clear();
      decisions.clear();
      lines.clear();
      dropped = 0;
    }
    String name =
        greeted
            ? (batch.emotions().isEmpty() && batch.decisions().isEmpty() && batch.lines().isEmpty()
                ? "ping"
                : "update")
            : "ready";
    greeted = true;
    lastSentMs = nowMs;
    demand.decrementAndGet();
    s.onNext(Event.of(batch).name(name));
  }

  /** Ends the stream from the server side (shutdown). */
  void complete() {
    Subscriber<? super Event<LiveBatch>> s = subscriber;
    if (!cancelled && s != null) {
      cancelled = true;
      s.onComplete();
    }
  }
}
