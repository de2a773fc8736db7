package dev.empath.schemas;

import dev.empath.schemas.v1.PlayerBehaviorData;

/** Valid records to start tests from. */
public final class Fixtures {

  public static final long T0 = 1_764_000_000_000L;

  private Fixtures() {}

  public static PlayerBehaviorData behavior(String eventId) {
    return PlayerBehaviorData.newBuilder()
        .setEventId(eventId)
        .setGameId("game-1")
        .setPlayerId("player-1")
        .setSessionId("session-1")
        .setTimestampMs(T0)
        .setDecisionLatencyMs(850f)
        .setActionFrequency(42)
        .addRecentChoices(1)
        .addRecentChoices(2)
        .putContextData("damage_taken", 12f)
        .putContextData("progress", 0.4f)
        .build();
  }
}
