package dev.empath.projector.store;

import dev.empath.platform.threads.DaemonThreads;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs {@link BatchWriter#commit} on a thread of its own, so the projector can decode and fold its
 * next poll while Redis applies the previous batch. Commits run one at a time in the order they
 * were submitted, which keeps each partition's batches in offset order; the caller submits the next
 * batch only once the previous one has answered.
 *
 * <p>The thread encodes the script arguments too: that work is proportional to the batch and
 * otherwise sits on the loop's thread.
 */
public final class BackgroundCommitter implements AutoCloseable {

  private final BatchWriter writer;
  private final ExecutorService thread;

  public BackgroundCommitter(BatchWriter writer) {
    this.writer = writer;
    this.thread =
        // A halted projector (the tests' kill -9) must not keep the JVM alive.
        Executors.newSingleThreadExecutor(DaemonThreads.named("memory-projector-commit"));
  }

  /** Starts committing {@code batches}; the future holds one outcome per batch, in order. */
  public Future<List<CommitOutcome>> submit(
      Keyspace keys, AtomicBatchWriter.Mode mode, List<PartitionBatch> batches) {
    return thread.submit(() -> writer.commit(keys, mode, batches));
  }

  /** Lets a commit already running finish (as a crash after sending it would), starts no other. */
  @Override
  public void close() {
    thread.shutdown();
  }
}
