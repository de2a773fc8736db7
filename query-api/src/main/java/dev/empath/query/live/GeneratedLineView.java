package dev.empath.query.live;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A generation result as the live stream shows it: a line a character said, or why none came.
 *
 * @param status {@code succeeded} or {@code failed}
 * @param reason why it failed or why a fallback answered; empty otherwise
 */
@Serdeable
public record GeneratedLineView(
    String requestId,
    String sessionId,
    String playerId,
    String characterId,
    String purpose,
    String tone,
    String status,
    String text,
    String reason,
    long completedAtMs) {}
