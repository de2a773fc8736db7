package dev.empath.bench.query.live;

import dev.empath.bench.harness.LatencyRecorder;
import dev.empath.readmodel.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many Server-Sent-Events streams of one game, one session each ({@code s0}, {@code s1}, …), read
 * by one JDK HttpClient: its selector thread and two worker threads serve every connection, so the
 * client needs no thread per stream. Each stream checks that an update names its own session,
 * counts each prediction once and records the delay from the prediction's timestamp (set when it
 * was published) to the event's arrival.
 */
final class SseStreams implements AutoCloseable {

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(workers).build();
  private final List<Stream> streams = new ArrayList<>();
  private final AtomicInteger ready = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong foreign = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final LatencyRecorder latency = new LatencyRecorder();
  private final LatencyRecorder toServerFlush = new LatencyRecorder();
  private final LatencyRecorder toClient = new LatencyRecorder();

  private final URI server;
  private final String game;
  private final String apiKey;

  SseStreams(URI server, String game, String apiKey) {
    this.server = server;
    this.game = game;
    this.apiKey = apiKey;
  }

  /** Opens {@code count} more streams, stream {@code i} on session {@code s<i>}. */
  void open(int count) {
    for (int n = 0; n < count; n++) {
      Stream stream = new Stream(streams.size());
      streams.add(stream);
      String path = "/v1/games/" + game + "/sessions/" + stream.session + "/live";
      HttpRequest request =
          HttpRequest.newBuilder(server.resolve(path))
              .header("Accept", "text/event-stream")
              .header("Authorization", "Bearer " + apiKey)
              .build();
      client
          .sendAsync(request, info -> HttpResponse.BodySubscribers.fromLineSubscriber(stream))
          .whenComplete((r, e) -> stream.end());
    }
  }

  int opened() {
    return streams.size();
  }

  /** Streams whose {@code ready} event arrived. */
  int ready() {
    return ready.get();
  }

  /** Streams the server or the network closed. */
  int ended() {
    return ended.get();
  }

  /** Predictions received by the stream of their own session, each counted once. */
  long delivered() {
    return delivered.get();
  }

  /** Updates a stream received for any session but its own: must stay 0. */
  long foreign() {
    return foreign.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  /** From a prediction's publish time to its arrival at the stream's client. */
  LatencyRecorder latency() {
    return latency;
  }

  /** From a prediction's publish time to the server's flush of the event carrying it. */
  LatencyRecorder toServerFlush() {
    return toServerFlush;
  }

  /** From the server's flush of an event to its arrival at the client. */
  LatencyRecorder toClient() {
    return toClient;
  }

  @Override
  public void close() {
    streams.forEach(Stream::cancel);
    workers.shutdownNow();
  }

  /** The fields of a live event this benchmark reads. */
  record Batch(String gameId, String sessionId, long serverTimeMs, List<Item> emotions) {}

  record Item(String predictionId, String sessionId, long timestampMs) {}

  /** One stream's line parser; an event ends at its blank line, whatever its fields' order. */
  private final class Stream implements Flow.Subscriber<String> {

    private final int index;
    private final String session;
    private final BitSet seen = new BitSet();
    private volatile Flow.Subscription subscription;
    private String event = "message";
    private final StringBuilder data = new StringBuilder();
    private boolean greeted;
    private boolean over;

    Stream(int index) {
      this.index = index;
      this.session = LivePublisher.session(index);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.isEmpty()) {
        dispatch();
      } else if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).strip());
      }
    }

    private void dispatch() {
      long now = System.currentTimeMillis();
      if (event.equals("ready") && !greeted) {
        greeted = true;
        ready.incrementAndGet();
      } else if (event.equals("update") && data.length() > 0) {
        Batch batch = Json.read(data.toString(), Batch.class);
        toClient.recordMillis(now - batch.serverTimeMs());
        for (Item item : batch.emotions()) {
          count(item, now);
          toServerFlush.recordMillis(batch.serverTimeMs() - item.timestampMs());
        }
      }
      event = "message";
      data.setLength(0);
    }

    private void count(Item item, long now) {
      int seq = LivePublisher.sequence(item.predictionId(), index);
      if (!session.equals(item.sessionId()) || seq < 0) {
        foreign.incrementAndGet();
      } else if (seen.get(seq)) {
        duplicates.incrementAndGet();
      } else {
        seen.set(seq);
        delivered.incrementAndGet();
        latency.recordMillis(now - item.timestampMs());
      }
    }

    @Override
    public void onError(Throwable t) {
      end();
    }

    @Override
    public void onComplete() {
      end();
    }

    synchronized void end() {
      if (!over) {
        over = true;
        ended.incrementAndGet();
      }
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
