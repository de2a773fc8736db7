package dev.empath.platform;

import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A mix of valid and malformed behaviour records as producers might send them. */
public final class TestRecords {

  public static final long T0 = 1_764_000_000_000L;

  private TestRecords() {}

  /** A record to publish: raw key and value bytes, and whether the pipeline must accept it. */
  public record Raw(String key, byte[] value, boolean valid, String expectedReason) {
    public byte[] keyBytes() {
      return key.getBytes(StandardCharsets.UTF_8);
    }
  }

  public static PlayerBehaviorData behavior(String session, int n) {
    return PlayerBehaviorData.newBuilder()
        .setEventId(session + "-" + n)
        .setGameId("game-1")
        .setPlayerId("player-" + session)
        .setSessionId(session)
        .setTimestampMs(T0 + n * 100L)
        .setDecisionLatencyMs(700 + n)
        .setActionFrequency(30)
        .addRecentChoices(n % 3)
        .putContextData("progress", 0.1f)
        .build();
  }

  /**
   * Valid records in both framings, interleaved with garbage, a truncated Confluent frame, a record
   * missing its ids and one with a NaN.
   */
  public static List<Raw> mixed(int validCount) {
    List<Raw> out = new ArrayList<>();
    for (int i = 0; i < validCount; i++) {
      String session = "s" + (i % 4);
      PlayerBehaviorData event = behavior(session, i);
      byte[] bytes =
          i % 2 == 0
              ? event.toByteArray()
              : ConfluentWireFormat.frame(3, List.of(0), event.toByteArray());
      out.add(new Raw(session, bytes, true, null));
      switch (i % 5) {
        case 0 ->
            out.add(new Raw(session, HexFormat.of().parseHex("ffffffff"), false, "undecodable"));
        case 1 -> out.add(new Raw(session, HexFormat.of().parseHex("000000"), false, "truncated"));
        case 2 ->
            out.add(
                new Raw(
                    session,
                    event.toBuilder().clearSessionId().clearGameId().build().toByteArray(),
                    false,
                    "game_id is required"));
        case 3 ->
            out.add(
                new Raw(
                    session,
                    event.toBuilder().setDecisionLatencyMs(Float.NaN).build().toByteArray(),
                    false,
                    "decision_latency_ms must be finite"));
        default -> {}
      }
    }
    return out;
  }
}
