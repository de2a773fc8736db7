package dev.empath.emotion.topology;

import dev.empath.emotion.baseline.PlayerBaseline;

/**
 * {@code BY_SESSION} store entry, keyed by session id: the session's state and its copy of the
 * player's baseline, which the session took from the player's last published baseline when it began
 * and keeps teaching with its own events.
 *
 * @param playerKey game/player, under which the baseline is published
 * @param lastActiveMs the task's stream time when the session last had an event: idle sessions are
 *     judged on stream time (record timestamps), the clock punctuation runs on, not on the
 *     payload's event time, which a producer may set differently
 */
public record SessionRecord(
    String playerKey, PlayerBaseline baseline, SessionState state, long lastActiveMs) {}
