package dev.empath.readmodel.character;

/** A generated line a character said, so it can remember (and not repeat) what it said. */
public record SpokenLine(
    String requestId,
    String sessionId,
    String playerId,
    String purpose,
    String tone,
    String text,
    String provider,
    String model,
    long completedAtMs) {}
