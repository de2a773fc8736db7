package dev.empath.query.story;

import dev.empath.history.story.StoryEntry;
import dev.empath.history.time.TimeSpec;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * One record of a session's story; the same names as {@code ./empath story --json}.
 *
 * @param time the record's timestamp as an ISO-8601 instant
 * @param timestampMs the record's timestamp, epoch ms
 * @param source behaviour, emotion, narrative, request, result or dead-letter
 * @param kind the source, or undecodable for a record that does not decode or breaks the contract
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param text what it said, in one line
 * @param fields what it said as structured values (see the README for each source's names)
 */
@Serdeable
public record StoryItemView(
    String time,
    long timestampMs,
    @Schema(
            allowableValues = {
              "behaviour",
              "emotion",
              "narrative",
              "request",
              "result",
              "dead-letter"
            })
        String source,
    String kind,
    String topic,
    int partition,
    long offset,
    String text,
    Map<String, Object> fields) {

  static StoryItemView of(StoryEntry e) {
    return new StoryItemView(
        TimeSpec.format(e.timestampMs()),
        e.timestampMs(),
        e.source().label(),
        e.kind(),
        e.topic(),
        e.partition(),
        e.offset(),
        e.text(),
        e.fields());
  }
}
