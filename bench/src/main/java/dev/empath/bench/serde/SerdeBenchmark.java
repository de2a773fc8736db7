package dev.empath.bench.serde;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.Throughput;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Cost of the project's deserializer (frame detection + protobuf parse + contract validation)
 * against the baseline of a bare protobuf parse of the same bytes, in the same JVM and run.
 */
public final class SerdeBenchmark {

  private SerdeBenchmark() {}

  public static void main(String[] args) {
    BenchReport report = BenchReport.stdout();
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
    PlayerBehaviorData event =
        PlayerBehaviorData.newBuilder()
            .setEventId("event-123456")
            .setGameId("game-1")
            .setPlayerId("player-42")
            .setSessionId("session-42")
            .setTimestampMs(1_764_000_000_000L)
            .setDecisionLatencyMs(812f)
            .setActionFrequency(37)
            .addAllRecentChoices(List.of(1, 2, 2, 3, 1))
            .putContextData("damage_taken", 14f)
            .putContextData("progress", 0.42f)
            .putContextData("combat_intensity", 0.7f)
            .build();
    byte[] plain = event.toByteArray();
    byte[] framed = ConfluentWireFormat.frame(17, List.of(0), plain);
    Deserializer<PlayerBehaviorData> ours =
        TopicCatalog.standard().behavior().valueSerde().deserializer();

    long window = TimeUnit.SECONDS.toNanos(seconds);
    report.info("warming up %d s", seconds);
    Throughput.measure(window, () -> batch(() -> parseBare(plain)));
    Throughput.measure(window, () -> batch(() -> ours.deserialize("t", framed)));

    report.info("measuring %d s each", seconds);
    double bare = Throughput.measure(window, () -> batch(() -> parseBare(plain)));
    double oursFramed =
        Throughput.measure(window, () -> batch(() -> ours.deserialize("t", framed)));
    double oursPlain = Throughput.measure(window, () -> batch(() -> ours.deserialize("t", plain)));

    report.metric("serde_bare_parse_rate", bare, "ops/s");
    report.metric("serde_framed_validated_rate", oursFramed, "ops/s");
    report.metric("serde_plain_validated_rate", oursPlain, "ops/s");
    report.ratio("serde_framed_vs_bare_parse", oursFramed, bare);
  }

  private static PlayerBehaviorData parseBare(byte[] bytes) {
    try {
      return PlayerBehaviorData.parseFrom(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static volatile Object sink;

  private static long batch(java.util.function.Supplier<Object> op) {
    for (int i = 0; i < 10_000; i++) {
      sink = op.get();
    }
    return 10_000;
  }
}
