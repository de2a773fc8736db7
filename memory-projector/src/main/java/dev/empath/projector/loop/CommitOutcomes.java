package dev.empath.projector.loop;

import dev.empath.projector.store.CommitOutcome;
import dev.empath.projector.store.PartitionBatch;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Acts on what Redis answered to a batch: moves positions, replays, fences, follows a switch. */
final class CommitOutcomes {

  private static final Logger log = LoggerFactory.getLogger(CommitOutcomes.class);

  private final PartitionPositions positions;
  private final TargetKeyspace target;
  private final BatchFolder folder;
  private final ProjectorStats stats;
  private final GroupOffsets groupOffsets;
  private final GroupWatermarks watermarks;

  CommitOutcomes(
      PartitionPositions positions,
      TargetKeyspace target,
      BatchFolder folder,
      ProjectorStats stats,
      GroupOffsets groupOffsets,
      GroupWatermarks watermarks) {
    this.watermarks = watermarks;
    this.positions = positions;
    this.target = target;
    this.folder = folder;
    this.stats = stats;
    this.groupOffsets = groupOffsets;
  }

  /**
   * @param outcomes one per entry of {@code writes}, in order
   * @return true when Redis now holds exactly the state {@code folded} ends in
   */
  boolean handle(
      List<CommitOutcome> outcomes, List<PartitionBatch> writes, BatchFolder.Folded folded) {
    try {
      return act(outcomes, writes, folded);
    } finally {
      groupOffsets.commit();
    }
  }

  private boolean act(
      List<CommitOutcome> outcomes, List<PartitionBatch> writes, BatchFolder.Folded folded) {
    boolean allApplied = true;
    boolean stateKnown = true;
    for (int i = 0; i < outcomes.size(); i++) {
      CommitOutcome outcome = outcomes.get(i);
      TopicPartition tp = outcome.partition();
      if (!positions.isAssigned(tp)) {
        stateKnown = false; // revoked while in flight: whoever has it now reads Redis
        continue;
      }
      watermarks.learn(tp, outcome.watermarks());
      switch (outcome.status()) {
        case APPLIED -> {
          watermarks.resumesAt(tp, writes.get(i).next());
          positions.applied(tp, writes.get(i).next());
          groupOffsets.applied(tp, writes.get(i).next());
          stats.commits.incrementAndGet();
        }
        case ALREADY_APPLIED -> {
          watermarks.resumesAt(tp, writes.get(i).next());
          positions.applied(tp, writes.get(i).next());
          groupOffsets.applied(tp, writes.get(i).next());
          stats.commits.incrementAndGet();
          // Applied by an earlier attempt; this fold may have read state written by it.
          stateKnown = false;
        }
        case LOST -> {
          allApplied = false;
          watermarks.forget(tp);
          positions.lost(tp);
        }
        case RETRY -> {
          allApplied = false;
          stats.retries.incrementAndGet();
          log.info("groups of {} had applied part of a batch already: folding it again", tp);
          positions.readAgain(tp);
        }
        case CONFLICT -> {
          allApplied = false;
          stats.conflicts.incrementAndGet();
          long stored = Long.parseLong(outcome.detail());
          log.warn("offset of {} was moved to {} by another writer: continuing there", tp, stored);
          positions.continueAt(tp, stored);
        }
        case SWITCHED -> {
          watermarks.forgetAll();
          target.switchTo(new Keyspace(Integer.parseInt(outcome.detail())));
          return false;
        }
      }
    }
    if (allApplied) {
      stats.projected.addAndGet(folded.events());
    }
    // Counted events are approximate when not all applied; correctness does not depend on them.
    if (allApplied && stateKnown) {
      folder.confirmed(folded);
      return true;
    }
    folder.forget();
    return false;
  }
}
