package dev.empath.query.decision;

import dev.empath.query.session.NarrativeView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a session's narrative decisions.
 *
 * @param nextCursor pass as {@code cursor} with the same other parameters for the next page; absent
 *     on the last page
 */
@Serdeable
public record DecisionPage(
    String gameId,
    String sessionId,
    String order,
    int limit,
    List<NarrativeView> items,
    @Nullable String nextCursor) {}
