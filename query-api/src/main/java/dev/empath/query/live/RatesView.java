package dev.empath.query.live;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * A game's activity as this instance's live feed sees it.
 *
 * @param windowSeconds the rates are averages over this many past seconds
 * @param deadLettersPerSecond dead letters of every game: a rejected record's game cannot always be
 *     read
 * @param emotionShares share of each dominant emotion among the predictions of the last {@code
 *     sharesWindowSeconds}
 * @param projectionLagRecords records of the projected topics not yet in Redis (all games), -1
 *     while unknown
 */
@Serdeable
public record RatesView(
    String gameId,
    int windowSeconds,
    double predictionsPerSecond,
    double decisionsPerSecond,
    double linesPerSecond,
    double failedLinesPerSecond,
    double deadLettersPerSecond,
    int sharesWindowSeconds,
    long predictionsInSharesWindow,
    Map<String, Double> emotionShares,
    long projectionLagRecords,
    int openStreams) {}
