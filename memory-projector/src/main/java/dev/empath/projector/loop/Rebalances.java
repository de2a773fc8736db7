package dev.empath.projector.loop;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * The live loop's group membership: partitions it gains are synced from Redis before they are
 * consumed, partitions it loses are dropped, and the loop learns that a rebalance happened (its
 * cache of stored state is dropped after the poll, once nothing is in flight).
 */
final class Rebalances implements ConsumerRebalanceListener {

  private final PartitionPositions positions;
  private final RedisOutage outage;
  private boolean happened;

  Rebalances(PartitionPositions positions, RedisOutage outage) {
    this.positions = positions;
    this.outage = outage;
  }

  /** Whether a rebalance happened since the last call. */
  boolean happenedSinceAsked() {
    boolean was = happened;
    happened = false;
    return was;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    happened = true;
    positions.assigned(partitions);
    outage.applyPauses();
  }

  private void forget(Collection<TopicPartition> partitions) {
    happened = true;
    positions.revoked(partitions);
    outage.revoked(partitions);
  }
}
