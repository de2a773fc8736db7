package dev.empath.llm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class UncommittedTest {

  static final TopicPartition P0 = new TopicPartition("requests", 0);
  static final TopicPartition P1 = new TopicPartition("requests", 1);

  final Uncommitted uncommitted = new Uncommitted();
  final Map<String, CompletableFuture<GenerationResult>> calls = new HashMap<>();

  private int start(int slots) {
    return uncommitted.start(
        slots, r -> calls.computeIfAbsent(r.getRequestId(), id -> new CompletableFuture<>()));
  }

  private void finish(String id) {
    calls.get(id).complete(GenerationResult.newBuilder().setRequestId(id).build());
  }

  private static GenerationRequest request(String id) {
    return GenerationRequest.newBuilder().setRequestId(id).build();
  }

  @Test
  void commitsOnlyTheFinishedPrefixOfEachPartition() {
    uncommitted.addRequest(P0, 10, request("a"));
    uncommitted.addRequest(P0, 11, request("b"));
    uncommitted.addRequest(P1, 5, request("c"));
    start(3);

    finish("b"); // behind a, which still runs
    finish("c");
    Uncommitted.Finished first = uncommitted.takeFinished();

    assertThat(first.results()).extracting(GenerationResult::getRequestId).containsExactly("c");
    assertThat(first.offsets()).containsOnly(Map.entry(P1, new OffsetAndMetadata(6)));

    finish("a");
    Uncommitted.Finished second = uncommitted.takeFinished();

    assertThat(second.results())
        .extracting(GenerationResult::getRequestId)
        .containsExactly("a", "b");
    assertThat(second.offsets()).containsOnly(Map.entry(P0, new OffsetAndMetadata(12)));
    assertThat(uncommitted.isEmpty()).isTrue();
  }

  @Test
  void startsNoMoreThanTheFreeSlotsOldestFirst() {
    uncommitted.addRequest(P0, 0, request("a"));
    uncommitted.addRequest(P1, 0, request("b"));
    uncommitted.addRequest(P0, 1, request("c"));

    assertThat(start(2)).isEqualTo(2);

    assertThat(calls).containsOnlyKeys("a", "b");
    assertThat(uncommitted.hasWaiting()).isTrue();
    finish("a");
    finish("b");
    assertThat(uncommitted.takeFinished().offsets())
        .containsOnly(
            Map.entry(P0, new OffsetAndMetadata(1)), Map.entry(P1, new OffsetAndMetadata(1)));
  }

  @Test
  void holdsARequestIdUntilReleasedAfterItsCommit() {
    uncommitted.addRequest(P0, 0, request("a"));
    start(1);
    finish("a");

    Uncommitted.Finished finished = uncommitted.takeFinished();

    assertThat(uncommitted.holds("a")).as("committed but not yet marked answered").isTrue();
    uncommitted.release(finished.requestIds());
    assertThat(uncommitted.holds("a")).isFalse();
  }

  @Test
  void skippedAndRejectedRecordsCommitInTurnWithoutResults() {
    ConsumerRecord<byte[], byte[]> bad = new ConsumerRecord<>("requests", 0, 1, null, new byte[1]);
    uncommitted.addRequest(P0, 0, request("a"));
    uncommitted.addRejected(P0, bad, new IllegalArgumentException("unreadable"));
    uncommitted.addSkipped(P0, 2);
    start(1);

    assertThat(uncommitted.takeFinished().isEmpty()).as("a still runs").isTrue();
    finish("a");
    Uncommitted.Finished finished = uncommitted.takeFinished();

    assertThat(finished.results()).hasSize(1);
    assertThat(finished.rejected()).extracting(Uncommitted.Rejected::record).containsExactly(bad);
    assertThat(finished.offsets()).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
  }

  @Test
  void forgettingAPartitionReturnsWhereToConsumeItAgain() {
    uncommitted.addRequest(P0, 7, request("a"));
    uncommitted.addRequest(P0, 8, request("b"));
    uncommitted.addRequest(P1, 3, request("c"));
    start(1);

    Map<TopicPartition, Long> from = uncommitted.forget(List.of(P0));

    assertThat(from).containsOnly(Map.entry(P0, 7L));
    assertThat(uncommitted.holds("a")).isFalse();
    assertThat(uncommitted.holds("c")).isTrue();
    assertThat(uncommitted.size()).isEqualTo(1);
    assertThat(start(5)).as("only c was still waiting").isEqualTo(1);
  }
}
