package dev.empath.query.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a session's emotion timeline.
 *
 * @param nextCursor pass as {@code cursor} with the same other parameters for the next page; absent
 *     on the last page
 */
@Serdeable
public record TimelinePage(
    String gameId,
    String sessionId,
    String order,
    int limit,
    List<EmotionView> items,
    @Nullable String nextCursor) {}
