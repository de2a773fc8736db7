package dev.empath.history.story;

import dev.empath.history.time.TimeSpec;
import dev.empath.schemas.v1.DeadLetterRecord;
import java.util.Map;

/** What a dead letter said: who refused which record, and why. */
final class DeadLetterLines {

  private DeadLetterLines() {}

  static Said of(DeadLetterRecord d) {
    String component = d.getComponent().isEmpty() ? "?" : d.getComponent();
    String text =
        "refused by "
            + component
            + ": "
            + d.getReason()
            + " ("
            + d.getSourceTopic()
            + "-"
            + d.getSourcePartition()
            + "@"
            + d.getSourceOffset()
            + ")";
    Map<String, Object> fields =
        new Fields()
            .text("component", d.getComponent())
            .text("reason", d.getReason())
            .text("errorClass", d.getErrorClass())
            .text("sourceTopic", d.getSourceTopic())
            .number("sourcePartition", d.getSourcePartition())
            .number("sourceOffset", d.getSourceOffset())
            .text("failedAt", d.getFailedAtMs() > 0 ? TimeSpec.format(d.getFailedAtMs()) : "")
            .build();
    return new Said(text, fields);
  }
}
