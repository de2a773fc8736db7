package dev.empath.query.live;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A token to open a live stream of the game with {@code ?token=}.
 *
 * @param expiresAtMs the token opens streams until then; a stream already open stays open
 */
@Serdeable
public record StreamTokenView(String gameId, String token, long expiresAtMs) {}
