package dev.empath.whatif.run;

import dev.empath.history.progress.Progress;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * A production topology run as a real Kafka Streams application under a shadow application id, with
 * the production Streams settings ({@link KafkaClientConfigs#streams}) and a fresh state directory,
 * until it has consumed everything in its input topics.
 */
final class ShadowApp implements AutoCloseable {

  /** A run that makes no progress for this long has failed. */
  static final Duration STALL = Duration.ofMinutes(2);

  private final String applicationId;
  private final String prefix;
  private final Topology topology;
  private final KafkaStreams streams;
  private volatile Throwable failure;

  ShadowApp(
      EmpathConfig config,
      String prefix,
      String applicationId,
      Topology topology,
      String deadLetterTopic,
      Path stateDir) {
    this.applicationId = applicationId;
    this.prefix = prefix;
    this.topology = topology;
    Properties props = KafkaClientConfigs.streams(config, applicationId, deadLetterTopic);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    this.streams = new KafkaStreams(topology, props);
    // A failure ends the what-if with its reason instead of retrying without end.
    streams.setUncaughtExceptionHandler(
        e -> {
          failure = e;
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
  }

  void start() {
    streams.start();
  }

  /** Waits until the application's group has committed the end of every input partition. */
  void awaitCaughtUp(Admin admin, Progress progress) {
    awaitRunning();
    GroupLag lag = new GroupLag(admin, applicationId, sourceTopics());
    long lastDone = -1;
    long lastProgressAt = System.nanoTime();
    try {
      while (true) {
        checkAlive();
        GroupLag.Snapshot s = lag.snapshot();
        progress.total(s.end());
        if (s.committed() > lastDone) {
          progress.advance(s.committed() - Math.max(lastDone, 0));
          lastDone = s.committed();
          lastProgressAt = System.nanoTime();
        }
        if (s.caughtUp()) {
          return;
        }
        if (System.nanoTime() - lastProgressAt > STALL.toNanos()) {
          throw new KafkaException(
              applicationId
                  + " made no progress for "
                  + STALL
                  + " at "
                  + s.committed()
                  + " of "
                  + s.end()
                  + " records");
        }
        ShadowTopics.sleep(100);
      }
    } finally {
      progress.finish();
    }
  }

  private void awaitRunning() {
    long deadline = System.nanoTime() + STALL.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new KafkaException(applicationId + " did not start within " + STALL);
      }
      ShadowTopics.sleep(50);
    }
  }

  private void checkAlive() {
    KafkaStreams.State state = streams.state();
    if (failure != null
        || state == KafkaStreams.State.ERROR
        || state == KafkaStreams.State.PENDING_ERROR) {
      throw new KafkaException(
          applicationId + " failed: " + (failure == null ? state : failure.getMessage()), failure);
    }
  }

  /**
   * The topics the application's group consumes; internal (repartition) topics appear in the
   * description without the application id that prefixes their real name.
   */
  Set<String> sourceTopics() {
    Set<String> topics = new HashSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          for (String t : source.topicSet()) {
            topics.add(t.startsWith(prefix) ? t : applicationId + "-" + t);
          }
        }
      }
    }
    return topics;
  }

  @Override
  public void close() {
    // Leaving the group lets the run delete it at once, instead of after the session timeout.
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
