package dev.empath.cli.state;

import com.google.protobuf.Message;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.fold.WorkingSet;
import dev.empath.readmodel.write.InMemoryStore;
import dev.empath.readmodel.write.WriteOp;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The projector's own fold run into memory over the events up to a moment: the store ends as Redis
 * would have been once the projector had folded them, caps included. Events later than the moment
 * (by their own time, as the projector's histories are scored) are left out.
 */
public final class MomentFold {

  private static final int BATCH = 1_024;

  private final EventFold fold;
  private final long atMs;
  private final Predicate<String> stored;
  private final WorkingSet state = new WorkingSet();
  private final InMemoryStore store = new InMemoryStore();
  private final List<Message> pending = new ArrayList<>(BATCH);
  private long folded;

  /**
   * @param stored the keys the answer reads: only their writes are kept, the fold's others (and the
   *     values it carries from one event to the next) are computed all the same
   */
  public MomentFold(EventFold fold, long atMs, Predicate<String> stored) {
    this.fold = fold;
    this.atMs = atMs;
    this.stored = stored;
  }

  /** Folds {@code event} if it happened at or before the moment; true when it did. */
  public boolean offer(Message event) {
    if (eventTime(event) > atMs) {
      return false;
    }
    // Every value the fold reads was written by this fold, so a key not seen yet is absent.
    for (String key : fold.keysToRead(event)) {
      if (!state.isLoaded(key)) {
        state.load(key, Optional.empty());
      }
    }
    pending.add(event);
    folded++;
    if (pending.size() >= BATCH) {
      flush();
    }
    return true;
  }

  /** The store with every offered event applied. */
  public InMemoryStore store() {
    flush();
    return store;
  }

  public long folded() {
    return folded;
  }

  public long atMs() {
    return atMs;
  }

  private void flush() {
    if (!pending.isEmpty()) {
      List<WriteOp> ops = fold.applyAll(pending, state);
      ops.removeIf(op -> !stored.test(op.key()));
      store.apply(ops);
      pending.clear();
    }
  }

  /** The time the projector scores an event's history entries with. */
  static long eventTime(Message event) {
    if (event instanceof CharacterInteraction i) {
      return i.getTimestampMs();
    }
    if (event instanceof EmotionPrediction p) {
      return p.getTimestampMs();
    }
    if (event instanceof NarrativeDecision d) {
      return d.getTimestampMs();
    }
    if (event instanceof GenerationResult r) {
      return r.getCompletedAtMs();
    }
    throw new IllegalArgumentException("not a projected event: " + event.getClass().getName());
  }
}
