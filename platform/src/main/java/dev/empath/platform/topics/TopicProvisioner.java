package dev.empath.platform.topics;

import dev.empath.platform.config.ConfigurationException;
import dev.empath.platform.security.AccessDenied;
import dev.empath.platform.security.AccessDeniedException;
import dev.empath.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up step of every service: creates the topics it needs that are missing, with the catalog's
 * partition counts and the deployment's replication ({@link TopicSettings}), and refuses to start
 * when an existing topic's partition count, cleanup policy, replication factor or {@code
 * min.insync.replicas} differs ({@link TopicCheck}): a changed partition count silently moves keys
 * and breaks per-session ordering, and fewer replicas than configured lose the promised durability.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

  private final Admin admin;
  private final TopicSettings settings;

  public TopicProvisioner(Admin admin, TopicSettings settings) {
    this.admin = admin;
    this.settings = settings;
  }

  /**
   * @param replicationFactor empty = the broker's {@code default.replication.factor}
   */
  public TopicProvisioner(Admin admin, Optional<Short> replicationFactor) {
    this(admin, TopicSettings.replication(replicationFactor));
  }

  /** Result of {@link #ensure}: which topics were created. */
  public record Outcome(List<String> created, List<String> existing) {}

  public Outcome ensure(Collection<? extends TopicSpec<?, ?>> specs) {
    try {
      Set<String> present = admin.listTopics().names().get();
      List<String> created = new ArrayList<>();
      List<String> existing = new ArrayList<>();
      List<NewTopic> toCreate = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        if (present.contains(spec.name())) {
          existing.add(spec.name());
        } else {
          toCreate.add(
              new NewTopic(
                      spec.name(), Optional.of(spec.partitions()), settings.replicationFactor())
                  .configs(settings.topicConfigs(spec.topicConfigs())));
        }
      }
      for (NewTopic topic : toCreate) {
        try {
          admin.createTopics(List.of(topic)).all().get();
          created.add(topic.name());
          log.info(
              "created topic {} with {} partitions, replication {}",
              topic.name(),
              topic.numPartitions(),
              settings.replicationFactor().map(String::valueOf).orElse("the broker's default"));
        } catch (ExecutionException e) {
          if (AccessDenied.find(e.getCause()).isPresent()) {
            // Neither visible nor creatable to this principal: a secured deployment creates its
            // topics beforehand, and a service is granted only those it uses (docs/security.md).
            log.debug("topic {} is not visible to this service and not created", topic.name());
            continue;
          }
          if (e.getCause() instanceof InvalidReplicationFactorException
              || e.getCause() instanceof InvalidConfigurationException) {
            throw new ConfigurationException(
                "cannot create topic %s with replication factor %s and min.insync.replicas %s: %s"
                    .formatted(
                        topic.name(),
                        settings.replicationFactor().map(String::valueOf).orElse("(broker's)"),
                        settings.minInsyncReplicas().map(String::valueOf).orElse("(broker's)"),
                        e.getCause().getMessage()));
          }
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          existing.add(topic.name()); // another instance created it first
        }
      }
      List<String> mismatches = mismatchesWhenVisible(specs, existing);
      if (!mismatches.isEmpty()) {
        throw new TopicMismatchException(mismatches);
      }
      return new Outcome(List.copyOf(created), List.copyOf(existing));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while provisioning topics", e);
    } catch (ExecutionException e) {
      throw new KafkaException("could not provision topics: " + e.getCause().getMessage(), e);
    }
  }

  /**
   * A topic another instance has just created may not be in this broker's metadata yet
   * (UnknownTopicOrPartition); give metadata a few seconds to catch up before judging it.
   */
  private List<String> mismatchesWhenVisible(
      Collection<? extends TopicSpec<?, ?>> specs, List<String> names)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
    while (true) {
      try {
        return mismatches(specs, names);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * The topics' configs; a refusal names every topic the principal may not describe the configs of.
   */
  private Map<ConfigResource, Config> configs(List<String> names)
      throws InterruptedException, ExecutionException {
    Map<ConfigResource, KafkaFuture<Config>> futures =
        admin
            .describeConfigs(
                names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .collect(Collectors.toList()))
            .values();
    Map<ConfigResource, Config> configs = new java.util.HashMap<>();
    List<String> refused = new ArrayList<>();
    ExecutionException firstRefusal = null;
    for (Map.Entry<ConfigResource, KafkaFuture<Config>> f : futures.entrySet()) {
      try {
        configs.put(f.getKey(), f.getValue().get());
      } catch (ExecutionException e) {
        if (AccessDenied.find(e.getCause()).isEmpty()) {
          throw e;
        }
        refused.add(f.getKey().name());
        firstRefusal = firstRefusal == null ? e : firstRefusal;
      }
    }
    if (!refused.isEmpty()) {
      refused.sort(null);
      throw AccessDeniedException.missing(
          "DescribeConfigs on TOPIC " + String.join(", ", refused), firstRefusal.getCause());
    }
    return configs;
  }

  private List<String> mismatches(Collection<? extends TopicSpec<?, ?>> specs, List<String> names)
      throws InterruptedException, ExecutionException {
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
    Map<ConfigResource, Config> configs = configs(names);
    List<String> problems = new ArrayList<>();
    for (TopicSpec<?, ?> spec : specs) {
      TopicDescription description = descriptions.get(spec.name());
      if (description != null) {
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
        problems.addAll(TopicCheck.problems(spec, description, config, settings));
      }
    }
    return problems;
  }
}
