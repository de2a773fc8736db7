package dev.empath.llm.worker;

import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records taken from the request topic whose offsets are not committed yet, in offset order per
 * partition. Requests run concurrently and finish in any order; only the contiguous finished prefix
 * of a partition can be committed ({@link #takeFinished}), because a committed offset says that
 * every record before it is answered. Not thread-safe: the worker's poll loop owns it.
 *
 * <p>Also the first half of duplicate suppression: the request ids held here are answered or being
 * answered, so a duplicate arriving meanwhile is skipped. An id is held from its record's arrival
 * until {@link #release} after its result committed and its answered marker is written.
 */
final class Uncommitted {

  /** One record: a request waiting for a slot, running, or finished; or a record to skip. */
  private static final class Slot {
    final long offset;
    final String requestId;
    GenerationRequest waiting;
    CompletableFuture<GenerationResult> result;
    final ConsumerRecord<byte[], byte[]> rejected;
    final RuntimeException reason;

    Slot(
        long offset,
        String requestId,
        GenerationRequest waiting,
        ConsumerRecord<byte[], byte[]> rejected,
        RuntimeException reason) {
      this.offset = offset;
      this.requestId = requestId;
      this.waiting = waiting;
      this.rejected = rejected;
      this.reason = reason;
    }

    boolean finished() {
      return waiting == null && (result == null || result.isDone());
    }
  }

  /** A record that could not be decoded, bound for the dead-letter topic. */
  record Rejected(ConsumerRecord<byte[], byte[]> record, RuntimeException reason) {}

  /** What can be committed now, in offset order per partition. */
  record Finished(
      List<Rejected> rejected,
      List<GenerationResult> results,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      Map<TopicPartition, Long> firstOffsets,
      List<String> requestIds) {

    boolean isEmpty() {
      return offsets.isEmpty();
    }
  }

  private final Map<TopicPartition, ArrayDeque<Slot>> partitions = new LinkedHashMap<>();
  private final ArrayDeque<Slot> waiting = new ArrayDeque<>();
  private final Set<String> heldIds = new HashSet<>();
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /** True if a request with this id is held: running, finished or committed but not released. */
  boolean holds(String requestId) {
    return heldIds.contains(requestId);
  }

  void addRequest(TopicPartition tp, long offset, GenerationRequest request) {
    Slot slot = new Slot(offset, request.getRequestId(), request, null, null);
    heldIds.add(request.getRequestId());
    waiting.add(slot);
    append(tp, slot);
  }

  /** A duplicate: its offset is committed in turn, with no result. */
  void addSkipped(TopicPartition tp, long offset) {
    append(tp, new Slot(offset, null, null, null, null));
  }

  void addRejected(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
    append(tp, new Slot(record.offset(), null, null, record, e));
  }

  /** Starts waiting requests, oldest first, while {@code slots} allow. Returns how many. */
  int start(int slots, Function<GenerationRequest, CompletableFuture<GenerationResult>> submit) {
    int started = 0;
    while (started < slots && !waiting.isEmpty()) {
      Slot slot = waiting.poll();
      slot.result = submit.apply(slot.waiting);
      slot.waiting = null;
      started++;
    }
    return started;
  }

  /** The running requests' results, for waiting on them. */
  List<CompletableFuture<GenerationResult>> running() {
    List<CompletableFuture<GenerationResult>> out = new ArrayList<>();
    partitions.values().forEach(q -> q.forEach(s -> addIfRunning(s, out)));
    return out;
  }

  private static void addIfRunning(Slot s, List<CompletableFuture<GenerationResult>> out) {
    if (s.result != null && !s.result.isDone()) {
      out.add(s.result);
    }
  }

  /**
   * Removes and returns the finished prefix of every partition. Its request ids stay held until
   * {@link #release}.
   */
  Finished takeFinished() {
    List<Rejected> rejected = new ArrayList<>();
    List<GenerationResult> results = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (Map.Entry<TopicPartition, ArrayDeque<Slot>> e : partitions.entrySet()) {
      ArrayDeque<Slot> queue = e.getValue();
      while (!queue.isEmpty() && queue.peek().finished()) {
        Slot slot = queue.poll();
        size--;
        firstOffsets.putIfAbsent(e.getKey(), slot.offset);
        offsets.put(e.getKey(), new OffsetAndMetadata(slot.offset + 1));
        if (slot.rejected != null) {
          rejected.add(new Rejected(slot.rejected, slot.reason));
        } else if (slot.result != null) {
          // handle() turns provider and Redis failures into results; a throw here is a bug.
          results.add(slot.result.join());
          ids.add(slot.requestId);
        }
      }
    }
    return new Finished(rejected, results, offsets, firstOffsets, ids);
  }

  /** Committed and marked answered: these ids no longer need holding. */
  void release(Collection<String> requestIds) {
    heldIds.removeAll(requestIds);
  }

  /**
   * Forgets the partitions' records (revoked or lost: another worker redoes them) and returns the
   * first offset each still held, where consuming must resume to redo them here.
   */
  Map<TopicPartition, Long> forget(Collection<TopicPartition> tps) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (TopicPartition tp : tps) {
      ArrayDeque<Slot> queue = partitions.remove(tp);
      if (queue == null || queue.isEmpty()) {
        continue;
      }
      first.put(tp, queue.peek().offset);
      size -= queue.size();
      for (Slot slot : queue) {
        if (slot.requestId != null) {
          heldIds.remove(slot.requestId);
        }
      }
      Set<Slot> gone = Collections.newSetFromMap(new IdentityHashMap<>());
      gone.addAll(queue);
      waiting.removeIf(gone::contains);
    }
    return first;
  }

  /** Forgets everything; returns the first offset held per partition. */
  Map<TopicPartition, Long> forgetAll() {
    return forget(new ArrayList<>(partitions.keySet()));
  }

  private void append(TopicPartition tp, Slot slot) {
    partitions.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(slot);
    size++;
  }
}
