package dev.empath.bench.e2e;

import dev.empath.bench.harness.LatencyRecorder;
import dev.empath.platform.threads.DaemonThreads;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.Arc;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.Segment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end latency as a game backend sees it: a probe is the first event of a fresh session
 * (which stream-emotion answers at once: its rate limit never holds back a session's first
 * prediction), produced at a known instant; pollers then ask the query-api for that session's
 * emotion until it answers 200. Latency = first 200 − the instant before {@code send}.
 */
final class LatencyProbes implements AutoCloseable {

  /** Marks probe session ids, so the prediction watcher can tell them from the load. */
  static final String MARKER = "-probe-";

  /**
   * Results of a probing window: end-to-end latency, and its two legs per probe (produce → readable
   * on the emotion topic; then → readable over HTTP).
   */
  record Outcome(
      LatencyRecorder latency,
      LatencyRecorder kafkaLeg,
      LatencyRecorder projectionLeg,
      long sent,
      long answered,
      long timedOut,
      long failed,
      long rejected) {}

  private final Producer<byte[], byte[]> producer;
  private final PredictionWatcher watcher;
  private final TopicSpec<String, PlayerBehaviorData> topic;
  private final String apiUrl;
  private final String apiKey;
  private final String gameId;
  private final String runLabel;
  private final Duration pollInterval;
  private final Duration timeout;

  private final HttpClient http;
  private final BehaviorSimulator simulator = new BehaviorSimulator(7);
  private final LatencyRecorder latency = new LatencyRecorder();
  private final Map<String, Long> producedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile long planned;
  // Enough pollers that a probe never queues behind others while latencies stay under a second.
  private final ExecutorService pollers =
      Executors.newFixedThreadPool(32, DaemonThreads.numbered("e2e-poller"));
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("e2e-probe-sender"));

  /**
   * @param http shared by every probing window of a run, so a measured window does not pay for
   *     opening connections or starting the client's threads
   */
  LatencyProbes(
      HttpClient http,
      Producer<byte[], byte[]> producer,
      PredictionWatcher watcher,
      TopicSpec<String, PlayerBehaviorData> topic,
      String apiUrl,
      String apiKey,
      String gameId,
      String runLabel,
      Duration pollInterval,
      Duration timeout) {
    this.http = http;
    this.producer = producer;
    this.watcher = watcher;
    this.topic = topic;
    this.apiUrl = apiUrl;
    this.apiKey = apiKey;
    this.gameId = gameId;
    this.runLabel = runLabel;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  /** Sends one probe every {@code interval} from {@code delay} on, for {@code window}. */
  void schedule(Duration delay, Duration interval, Duration window) {
    long count = window.toMillis() / interval.toMillis();
    planned = count;
    AtomicLong scheduled = new AtomicLong();
    scheduler.scheduleAtFixedRate(
        () -> {
          long n = scheduled.getAndIncrement();
          if (n < count) {
            probe(n);
          }
        },
        delay.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Waits until every scheduled probe was sent and has answered or timed out. */
  Outcome await(Duration window) {
    long deadline = System.nanoTime() + window.plus(timeout).plusSeconds(10).toNanos();
    while (System.nanoTime() < deadline
        && (sent.get() < planned || answered.get() + timedOut.get() + failed.get() < sent.get())) {
      // Watching our own counters: the probes themselves wait on HTTP state.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    scheduler.shutdownNow();
    // Per probe: produce -> readable on the emotion topic -> readable over HTTP.
    LatencyRecorder kafkaLeg = new LatencyRecorder();
    LatencyRecorder projectionLeg = new LatencyRecorder();
    producedAt.forEach(
        (session, at) -> {
          Long seen = watcher.firstSeenNanos(session);
          Long answered = answeredAt.get(session);
          if (seen != null) {
            kafkaLeg.recordNanos(seen - at);
            if (answered != null) {
              projectionLeg.recordNanos(answered - seen);
            }
          }
        });
    return new Outcome(
        latency,
        kafkaLeg,
        projectionLeg,
        sent.get(),
        answered.get(),
        timedOut.get(),
        failed.get(),
        rejected.get());
  }

  private void probe(long n) {
    String sessionId = runLabel + MARKER + n;
    PlayerProfile player = new PlayerProfile(gameId, runLabel + "-prober-" + n, 1.0);
    PlayerBehaviorData event =
        simulator
            .session(player, sessionId, 0, List.of(new Segment(Arc.CALM_EXPLORATION, 1)))
            .get(0)
            .event();
    long nowMs = System.currentTimeMillis();
    byte[] value =
        topic
            .valueSerde()
            .serializer()
            .serialize(topic.name(), event.toBuilder().setTimestampMs(nowMs).build());
    byte[] key = sessionId.getBytes(StandardCharsets.UTF_8);
    long at = System.nanoTime();
    producer.send(new ProducerRecord<>(topic.name(), null, nowMs, key, value));
    producedAt.put(sessionId, at);
    sent.incrementAndGet();
    pollers.execute(() -> pollUntilVisible(sessionId, at));
  }

  private void pollUntilVisible(String sessionId, long producedAt) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(apiUrl + "/v1/games/" + gameId + "/sessions/" + sessionId + "/emotion"))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + apiKey)
            .GET()
            .build();
    long deadline = producedAt + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          long now = System.nanoTime();
          latency.recordNanos(now - producedAt);
          answeredAt.put(sessionId, now);
          answered.incrementAndGet();
          return;
        }
        if (response.statusCode() != 404) {
          // 429 or 5xx: keep polling, the probe times out if it never clears.
          rejected.incrementAndGet();
        }
        // Tight polling while the answer is due; a slow answer is polled less often (2% of the
        // wait), so an overloaded pipeline is not also flooded with requests by its own probes.
        long waited = System.nanoTime() - producedAt;
        LockSupport.parkNanos(Math.max(pollInterval.toNanos(), waited / 50));
      }
      timedOut.incrementAndGet();
    } catch (IOException e) {
      failed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    pollers.shutdownNow();
  }
}
