package dev.empath.query.game;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A session in a game's list: its latest emotion and pacing, with how long each has lasted.
 *
 * @param lastActiveMs event time of its latest prediction or decision
 * @param dominantSinceMs since when the current dominant emotion has held without a break (as far
 *     back as the capped timeline reaches)
 * @param phaseSinceMs since when the current pacing phase has held
 */
@Serdeable
public record SessionRow(
    String sessionId,
    @Nullable String playerId,
    long lastActiveMs,
    @Nullable String dominantEmotion,
    double confidence,
    double valence,
    double arousal,
    long dominantSinceMs,
    @Nullable String phase,
    long phaseSinceMs,
    double intensity,
    @Nullable String dialogueTone,
    @Nullable String sceneId,
    @Nullable String characterId) {}
