package dev.empath.query.game;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A page of a game's sessions, most recently active first.
 *
 * @param scanned sessions looked at for this page; with filters a page can hold fewer than {@code
 *     limit} items and still have a next page
 * @param nextCursor pass as {@code cursor} with the same other parameters for the next page; absent
 *     on the last page
 */
@Serdeable
public record SessionsPage(
    String gameId, int limit, int scanned, List<SessionRow> items, @Nullable String nextCursor) {}
