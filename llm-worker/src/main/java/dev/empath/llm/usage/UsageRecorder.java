package dev.empath.llm.usage;

import java.util.List;

/** Takes the usage of every answered request: the Redis ledger, the process's metrics. */
@FunctionalInterface
public interface UsageRecorder {

  void record(UsageLedger.Entry entry);

  /** Records each entry with every one of {@code recorders}, in order. */
  static UsageRecorder all(UsageRecorder... recorders) {
    List<UsageRecorder> each = List.of(recorders);
    return entry -> each.forEach(r -> r.record(entry));
  }
}
