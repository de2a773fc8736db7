package dev.empath.query.live;

import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What one live event carries: the updates since the previous event of the stream.
 *
 * @param dropped updates left out since the previous event because the client read too slowly or a
 *     game stream kept only each session's newest value
 */
@Serdeable
public record LiveBatch(
    String gameId,
    String sessionId,
    long serverTimeMs,
    List<EmotionView> emotions,
    List<NarrativeView> decisions,
    List<GeneratedLineView> lines,
    long dropped) {

  public LiveBatch {
    emotions = List.copyOf(emotions);
    decisions = List.copyOf(decisions);
    lines = List.copyOf(lines);
  }
}
