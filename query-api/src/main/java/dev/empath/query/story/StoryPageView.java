package dev.empath.query.story;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a session's story, oldest first.
 *
 * @param from start of the range read, ISO-8601
 * @param to end of the range read, ISO-8601; absent for "up to the end offsets when read"
 * @param nextCursor pass as {@code cursor} with the same other parameters for the next page; absent
 *     on the last page
 */
@Serdeable
public record StoryPageView(
    String gameId,
    String sessionId,
    String from,
    @Nullable String to,
    int limit,
    List<StoryItemView> items,
    @Nullable String nextCursor) {}
