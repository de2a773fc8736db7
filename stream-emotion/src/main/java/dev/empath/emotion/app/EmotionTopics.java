package dev.empath.emotion.app;

import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.platform.topics.TopicSettings;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The topics stream-emotion needs: the catalog's and its own compacted baselines topic. */
public final class EmotionTopics {

  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

  private EmotionTopics() {}

  /**
   * Creates missing topics (checking existing ones), then waits until the partitions of the topics
   * global stores read (baselines, accepted models) are in the broker's metadata: a global store
   * fails at start-up, and does not retry, when a just-created topic is not visible yet.
   */
  public static void provision(Admin admin, TopicSettings settings, TopicCatalog topics) {
    TopicSpec<?, ?> baselines = EmotionTopology.baselineTopic(topics);
    List<TopicSpec<?, ?>> specs = new ArrayList<>(topics.all());
    specs.add(baselines);
    new TopicProvisioner(admin, settings).ensure(specs);
    awaitPartitions(admin, baselines);
    awaitPartitions(admin, topics.emotionModelAccepted());
  }

  /** With the broker's replication defaults (tests, benchmarks). */
  public static void provision(Admin admin, Optional<Short> replication, TopicCatalog topics) {
    provision(admin, TopicSettings.replication(replication), topics);
  }

  private static void awaitPartitions(Admin admin, TopicSpec<?, ?> spec) {
    long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
    try {
      while (true) {
        try {
          int partitions =
              admin
                  .describeTopics(List.of(spec.name()))
                  .allTopicNames()
                  .get(VISIBLE_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
                  .get(spec.name())
                  .partitions()
                  .size();
          if (partitions == spec.partitions()) {
            return;
          }
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw new KafkaException("could not describe " + spec.name(), e.getCause());
          }
        }
        if (System.nanoTime() > deadline) {
          throw new KafkaException(spec.name() + " not visible within " + VISIBLE_WITHIN);
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted waiting for " + spec.name(), e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new KafkaException("timed out describing " + spec.name(), e);
    }
  }
}
