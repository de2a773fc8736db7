package dev.empath.projector.loop;

import dev.empath.projector.config.ProjectorSettings.ReplicaWait;
import dev.empath.projector.decode.PartitionEvents;
import dev.empath.projector.store.AtomicBatchWriter;
import dev.empath.projector.store.BackgroundCommitter;
import dev.empath.projector.store.BatchWriter;
import dev.empath.projector.store.CommitOutcome;
import dev.empath.projector.store.PartitionBatch;
import dev.empath.projector.store.SlotBatchWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Commits batches while the loop folds the next one: poll n+1 is folded while Redis applies poll n
 * (on the {@link BackgroundCommitter}'s thread), and sent only once n has answered. At most one
 * batch is in flight, so each partition's batches reach Redis in order, each with the offset it
 * expects. If n is not applied as sent, n+1 (folded on top of it) is dropped and read again.
 */
final class CommitPipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CommitPipeline.class);

  /** A batch Redis is applying on the committer's thread. */
  private record InFlight(
      Future<List<CommitOutcome>> outcomes,
      BatchFolder.Folded folded,
      List<PartitionBatch> writes) {}

  private final BatchWriter writer;
  private final BackgroundCommitter committer;
  private final BatchFolder folder;
  private final TargetKeyspace target;
  private final PartitionPositions positions;
  private final CommitOutcomes outcomes;
  private final RedisOutage outage;
  private final ProjectorStats stats;
  private final GroupWatermarks watermarks;

  private InFlight inFlight;

  CommitPipeline(
      UnifiedJedis redis,
      BatchFolder folder,
      TargetKeyspace target,
      PartitionPositions positions,
      RedisOutage outage,
      ProjectorStats stats,
      GroupOffsets groupOffsets,
      GroupWatermarks watermarks,
      ReplicaWait replicaWait) {
    this.writer =
        redis instanceof RedisClusterClient cluster
            ? new SlotBatchWriter(cluster, replicaWait)
            : new AtomicBatchWriter(redis);
    this.committer = new BackgroundCommitter(writer);
    this.folder = folder;
    this.target = target;
    this.positions = positions;
    this.watermarks = watermarks;
    this.outcomes = new CommitOutcomes(positions, target, folder, stats, groupOffsets, watermarks);
    this.outage = outage;
    this.stats = stats;
  }

  boolean hasInFlight() {
    return inFlight != null;
  }

  /** Folds {@code batch} while the batch in flight is applied, then sends it once that answered. */
  void commit(List<PartitionEvents> batch) {
    BatchFolder.Folded folded = null;
    try {
      folded = folder.fold(target.fold(), batch);
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("cannot read stored state from Redis: {}", e.toString());
    }
    if (!settle(batch)) {
      return; // the batch was folded on top of one Redis did not apply as sent: read it again
    }
    if (folded == null) {
      retryAfterFailure(batch); // retries the reads too, and pauses if Redis stays away
      return;
    }
    List<PartitionBatch> writes = writes(folded);
    folder.inFlight(folded);
    inFlight =
        new InFlight(committer.submit(target.keyspace(), target.mode(), writes), folded, writes);
  }

  /**
   * Waits for the batch in flight, if any, and handles its outcome.
   *
   * @param foldedOnTop records folded on top of the batch in flight: sought back when that batch
   *     was not applied as sent
   * @return whether {@code foldedOnTop} may be sent as folded
   */
  boolean settle(List<PartitionEvents> foldedOnTop) {
    if (inFlight == null) {
      return true;
    }
    InFlight settling = inFlight;
    inFlight = null;
    List<CommitOutcome> answered;
    try {
      answered = await(settling.outcomes());
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("Redis commit failed: {}", e.toString());
      folder.forget();
      watermarks.forgetAll(); // learned from a node that may have failed over since
      positions.rewind(foldedOnTop);
      // Whether Redis applied it is unknown; the offset check makes sending it again safe.
      retryAfterFailure(
          settling.folded().partitions().stream()
              .map(BatchFolder.PartitionWrites::source)
              .toList());
      return false;
    }
    boolean asSent = answered.stream().allMatch(o -> o.status() == CommitOutcome.Status.APPLIED);
    if (!asSent) {
      positions.rewind(foldedOnTop); // before handling: a lost or moved offset seeks elsewhere
    }
    return outcomes.handle(answered, settling.writes(), settling.folded()) && asSent;
  }

  /** Loads state, folds and commits once, on this thread; false when Redis failed (retry). */
  boolean attempt(List<PartitionEvents> batch) {
    try {
      BatchFolder.Folded folded = folder.fold(target.fold(), batch);
      List<PartitionBatch> writes = writes(folded);
      outcomes.handle(writer.commit(target.keyspace(), target.mode(), writes), writes, folded);
      return true;
    } catch (JedisException e) {
      stats.failedAttempts.incrementAndGet();
      log.warn("Redis commit failed: {}", e.toString());
      folder.forget(); // the script may have run: cached state may be behind Redis
      watermarks.forgetAll();
      return false;
    }
  }

  /** Lets a commit already running finish, as a crash after sending it would. */
  @Override
  public void close() {
    committer.close();
  }

  /** One attempt failed already; the held batch is retried once Redis answers if all fail. */
  private void retryAfterFailure(List<PartitionEvents> batch) {
    if (!outage.retry(() -> attempt(batch))) {
      outage.hold(batch);
    }
  }

  /** The folded writes with the offsets each partition's script checks and stores. */
  private List<PartitionBatch> writes(BatchFolder.Folded folded) {
    List<PartitionBatch> out = new ArrayList<>(folded.partitions().size());
    for (BatchFolder.PartitionWrites pw : folded.partitions()) {
      TopicPartition tp = pw.source().partition();
      out.add(
          new PartitionBatch(
              tp,
              positions.next(tp),
              pw.source().offsets().get(0),
              pw.source().next(),
              pw.ops(),
              watermarks.of(tp)));
    }
    return out;
  }

  private static List<CommitOutcome> await(Future<List<CommitOutcome>> outcomes) {
    try {
      return outcomes.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JedisException("interrupted while waiting for Redis", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
