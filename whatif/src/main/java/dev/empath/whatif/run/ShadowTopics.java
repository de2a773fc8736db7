package dev.empath.whatif.run;

import dev.empath.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/** Creates a run's shadow topics and deletes everything a run left: topics and groups. */
final class ShadowTopics {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Admin admin;
  private final Shadow shadow;
  private final Optional<Short> replication;

  ShadowTopics(Admin admin, Shadow shadow, Optional<Short> replication) {
    this.admin = admin;
    this.shadow = shadow;
    this.replication = replication;
  }

  /**
   * Creates every shadow topic with its production twin's partition count (records are copied to
   * the same partition) and no retention: copied records keep their old timestamps, which a
   * time-based retention would delete at once; the run deletes its topics itself.
   */
  void create() {
    List<TopicSpec<?, ?>> specs = shadow.topics();
    Map<String, Integer> productionPartitions =
        partitionCounts(specs.stream().map(s -> shadow.productionName(s.name())).toList());
    List<NewTopic> topics = new ArrayList<>();
    for (TopicSpec<?, ?> spec : specs) {
      int partitions =
          productionPartitions.getOrDefault(shadow.productionName(spec.name()), spec.partitions());
      Map<String, String> configs = new HashMap<>(spec.topicConfigs());
      configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
      topics.add(new NewTopic(spec.name(), Optional.of(partitions), replication).configs(configs));
    }
    get(admin.createTopics(topics).all(), "create the shadow topics");
    awaitVisible(topics.stream().map(NewTopic::name).collect(Collectors.toSet()));
  }

  /** Partition count of each existing topic among {@code names}. */
  Map<String, Integer> partitionCounts(List<String> names) {
    Set<String> existing = get(admin.listTopics().names(), "list topics");
    List<String> present = names.stream().filter(existing::contains).toList();
    Map<String, TopicDescription> described =
        get(admin.describeTopics(present).allTopicNames(), "describe topics");
    Map<String, Integer> out = new HashMap<>();
    described.forEach((name, d) -> out.put(name, d.partitions().size()));
    return out;
  }

  /**
   * Deletes the run's topics (its internal ones included: they carry the application ids, which
   * carry the prefix) and consumer groups.
   *
   * @return topics and groups deleted
   */
  int deleteAll() {
    Set<String> groups =
        get(admin.listGroups().all(), "list consumer groups").stream()
            .map(GroupListing::groupId)
            .filter(g -> g.startsWith(shadow.prefix()))
            .collect(Collectors.toSet());
    if (!groups.isEmpty()) {
      deleteGroups(groups);
    }
    Set<String> topics = topicsOfRun();
    if (!topics.isEmpty()) {
      get(admin.deleteTopics(topics).all(), "delete the shadow topics");
      awaitGone();
    }
    return groups.size() + topics.size();
  }

  /**
   * A group whose members crashed stays non-empty until their session times out; deleting is
   * retried until then.
   */
  private void deleteGroups(Set<String> groups) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        admin.deleteConsumerGroups(groups).all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
          throw new KafkaException(
              "could not delete the shadow consumer groups "
                  + groups
                  + ": "
                  + e.getCause().getMessage(),
              e);
        }
      } catch (TimeoutException e) {
        throw new KafkaException("could not delete the shadow consumer groups within " + WAIT, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted deleting the shadow consumer groups", e);
      }
      sleep(500);
    }
  }

  Set<String> topicsOfRun() {
    return get(admin.listTopics().names(), "list topics").stream()
        .filter(t -> t.startsWith(shadow.prefix()))
        .collect(Collectors.toSet());
  }

  /**
   * Waits until the broker leads every partition: metadata names a new topic before its partitions
   * are loaded, and an idempotent producer whose first batches meet a partition not yet loaded can
   * fail with out-of-order sequence numbers.
   */
  private void awaitVisible(Set<String> names) {
    await(
        () -> {
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          get(admin.describeTopics(names).allTopicNames(), "describe the shadow topics")
              .forEach(
                  (name, d) ->
                      d.partitions()
                          .forEach(
                              p ->
                                  latest.put(
                                      new TopicPartition(name, p.partition()),
                                      OffsetSpec.latest())));
          return latest.size() > 0
              && get(admin.listOffsets(latest).all(), "read shadow offsets").size() == latest.size()
              && latest.keySet().stream().map(TopicPartition::topic).distinct().count()
                  == names.size();
        },
        "the shadow topics to be led");
  }

  /** A topic re-created under a name still being deleted fails; the next run may reuse the id. */
  private void awaitGone() {
    await(() -> topicsOfRun().isEmpty(), "the shadow topics to be deleted");
  }

  private static void await(java.util.function.BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (KafkaException notYet) {
        // Metadata not propagated yet: ask again.
      }
      if (System.nanoTime() > deadline) {
        throw new KafkaException("timed out after " + WAIT + " waiting for " + what);
      }
      sleep(100);
    }
  }

  static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException("could not " + what + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new KafkaException("could not " + what + " within " + WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted: " + what, e);
    }
  }

  static void sleep(long ms) {
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
  }
}
