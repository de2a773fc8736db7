package dev.empath.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Which topics a service reads and which it writes: the operation a missing permission was for.
 *
 * @param transactionalIdPrefix what the service's transactional ids start with, if it has any
 */
public record TopicUse(
    Set<String> reads, Set<String> writes, Optional<String> transactionalIdPrefix) {

  public TopicUse {
    reads = Set.copyOf(reads);
    writes = Set.copyOf(writes);
  }

  /** Nothing known: a topic failure is then reported as Describe, the least any use needs. */
  public static TopicUse unknown() {
    return new TopicUse(Set.of(), Set.of(), Optional.empty());
  }

  /** The sources, global-store sources and sinks of a Streams topology. */
  public static TopicUse of(TopologyDescription topology, String applicationId) {
    java.util.Set<String> reads = new java.util.HashSet<>();
    java.util.Set<String> writes = new java.util.HashSet<>();
    for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
      sub.nodes().forEach(node -> collect(node, reads, writes));
    }
    for (TopologyDescription.GlobalStore global : topology.globalStores()) {
      reads.addAll(global.source().topicSet());
    }
    // A description names repartition topics before Kafka Streams prefixes them with the id.
    for (Set<String> topics : List.of(reads, writes)) {
      List<String> internal = topics.stream().filter(t -> t.endsWith("-repartition")).toList();
      internal.forEach(t -> topics.add(applicationId + "-" + t));
    }
    return new TopicUse(reads, writes, Optional.of(applicationId));
  }

  private static void collect(
      TopologyDescription.Node node, Set<String> reads, Set<String> writes) {
    if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
      reads.addAll(source.topicSet());
    } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
      writes.add(sink.topic());
    }
  }

  /**
   * The operation on {@code topic} that failed: Read for a topic only read, Write for one only
   * written; for one both read and written, Write when the failure came from sending a record.
   */
  String operation(String topic, Throwable failure) {
    boolean read = reads.contains(topic);
    boolean written = writes.contains(topic);
    if (read && written) {
      return sending(failure) ? "Write" : "Read";
    }
    if (written) {
      return "Write";
    }
    if (read) {
      return "Read";
    }
    return sending(failure) ? "Write" : "Describe";
  }

  /** The operation a service needs on the cluster: only an idempotent producer asks for one. */
  String clusterOperation() {
    return "IdempotentWrite";
  }

  private static boolean sending(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && (message.contains("sending record") || message.contains("send"))) {
        return true;
      }
    }
    return false;
  }
}
